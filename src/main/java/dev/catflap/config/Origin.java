package dev.catflap.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a setting's value came from: one of catflap's sources, decided once, where the source is
 * made ({@link Configuration}), and carried with every value it gives ({@link WrittenValue}).
 * Which source wins is its {@link Kind}'s rank, fixed here in code: nothing a source holds (a
 * file's {@code config_ordinal}) can change it, so a file cannot change its own rank.
 *
 * <p>Every text that names where a value came from is made here, so that a message, the
 * {@code --show-config} column and the units' header say it the same way: nothing else turns an
 * origin into words, and nothing reads an origin back from words.
 *
 * @param kind which of catflap's sources
 * @param file the file, absolute, for the kinds that are files; else none
 */
public record Origin(Kind kind, Optional<Path> file) {
    /** catflap's sources, each with its rank: the higher gives a scalar its value, and adds its list elements last. */
    public enum Kind {
        /** An option on catflap's command line; for {@link Setting#COMMAND}, the COMMAND words after the options. */
        OPTION(400),
        /** A {@code CATFLAP_*} variable in catflap's environment, named {@link Setting#environmentVariable()}. */
        VARIABLE(300),
        /** The developer's own {@code .catflap.local.properties} beside the project file found. */
        LOCAL_FILE(275),
        /** The team's {@code .catflap.properties}, the nearest found from the working directory up. */
        PROJECT_FILE(250),
        /** The file {@code --config} names: the project file's place and rank, instead of the search's. */
        CONFIG_FILE(250),
        /** The user's own defaults for every project, under {@code $XDG_CONFIG_HOME}. */
        USER_FILE(200),
        /** The table's built-in default ({@link Setting#defaultValue()}), or nothing where a setting has none. */
        DEFAULT(100);

        private final int rank;

        Kind(int rank) {
            this.rank = rank;
        }

        /** Whether the source is a file, which the origin then names. */
        public boolean isFile() {
            return switch (this) {
                case LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE -> true;
                case OPTION, VARIABLE, DEFAULT -> false;
            };
        }
    }

    private static final Origin OPTION = new Origin(Kind.OPTION, Optional.empty());
    private static final Origin VARIABLE = new Origin(Kind.VARIABLE, Optional.empty());
    private static final Origin DEFAULT = new Origin(Kind.DEFAULT, Optional.empty());

    public Origin {
        Objects.requireNonNull(kind);
        if (file.isPresent() != kind.isFile()) {
            throw new IllegalArgumentException(kind + (kind.isFile() ? " needs its file" : " is no file"));
        }
    }

    static Origin option() {
        return OPTION;
    }

    static Origin variable() {
        return VARIABLE;
    }

    static Origin defaults() {
        return DEFAULT;
    }

    /** A file's origin: {@code kind} one of the file kinds. */
    static Origin file(Kind kind, Path path) {
        return new Origin(kind, Optional.of(path));
    }

    /** Whether this is {@code kind}. */
    public boolean is(Kind kind) {
        return this.kind == kind;
    }

    /** Whether the value is the team's, from the project file: found by the search, or named with {@code --config}. */
    public boolean isProjectFile() {
        return kind == Kind.PROJECT_FILE || kind == Kind.CONFIG_FILE;
    }

    /** Whether this source's value wins over {@code other}'s (or, of the same rank, is given as much weight). */
    boolean ranksAtLeast(Origin other) {
        return kind.rank >= other.kind.rank;
    }

    /** Lowest rank first, the order in which list elements add up. */
    static int byRank(Origin one, Origin other) {
        return Integer.compare(one.kind.rank, other.kind.rank);
    }

    // ---- the texts: the only place where an origin becomes words ----

    /**
     * The source, as a user would look for it ({@code --show-config}'s column, the units' header):
     * the option, the variable, the file's path, or "default".
     */
    String name(Setting<?> setting) {
        return switch (kind) {
            case OPTION -> setting.option();
            case VARIABLE -> setting.environmentVariable();
            case LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE -> path().toString();
            case DEFAULT -> "default";
        };
    }

    /** The setting and its source in a sentence: {@code catflap.workdir in FILE}, else the option or the variable. */
    String described(Setting<?> setting) {
        return kind.isFile() ? setting.key() + " in " + name(setting) : name(setting);
    }

    /**
     * How the user wrote {@code value} here, e.g. {@code CATFLAP_PORT=eighty}, or where to find it:
     * {@code FILE:LINE: catflap.port=eighty}, as compilers name a line, for the head of a message
     * ({@code FILE:LINE: catflap.port=eighty: not a port number}).
     */
    String atStart(Setting<?> setting, WrittenValue value) {
        if (!kind.isFile()) {
            return inSentence(setting, value);
        }
        return value.line() > 0 ? ConfigFile.at(path(), setting.key(), value.text(), value.line())
                : setting.key() + "=" + value.text() + " in " + path();
    }

    /**
     * {@link #atStart}, for the middle of a sentence, where a file's value is named before the
     * place it is in: {@code catflap.listen=... (FILE:LINE)}; a repeated option as typed, one
     * option per value given ({@code --ignore a --ignore ''}), from its values, not from its text.
     */
    String inSentence(Setting<?> setting, WrittenValue value) {
        String text = value.text();
        return switch (kind) {
            case OPTION -> typedEmpty(value) ? setting.negation().orElse(setting.option() + " ''")
                    : value.elements() == null ? setting.option() + " " + text : Configuration.asTyped(setting, value.elements());
            case VARIABLE -> setting.environmentVariable() + "=" + text;
            case DEFAULT -> setting.key() + "=" + text + " in the built-in defaults";
            case LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE -> setting.key() + "=" + text + " (" + path()
                    + (value.line() > 0 ? ":" + value.line() : "") + ")";
        };
    }

    /**
     * What to do with a {@code #} word refused in a value written here ({@link ShellWords.CommentWord}):
     * a file has lines for a comment; a variable or an option has none, so there it is dropped or
     * quoted, as the shell would pass it, e.g. {@code CATFLAP_IGNORE="'#*#'"}.
     *
     * @param quoted the value with the word quoted, if that is simple to show
     */
    String commentHint(Setting<?> setting, Optional<String> quoted) {
        String dropOrQuote = ": remove it, or quote it to pass it on";
        String example = switch (kind) {
            case VARIABLE -> setting.environmentVariable() + "=";
            case OPTION -> setting.optionNames()[setting.optionNames().length - 1] + " ";
            case LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE, DEFAULT -> null;
        };
        if (example == null) {
            return ShellWords.FILE_COMMENT_HINT + ", or quote it to pass it";
        }
        String holds = (kind == Kind.VARIABLE ? "a variable" : "an option") + " holds no comment";
        return holds + dropOrQuote + quoted.map(text -> " (" + example + shellQuoted(text) + ")").orElse("");
    }

    /** {@code text} as one shell word, double-quoted where nothing in it means anything there. */
    private static String shellQuoted(String text) {
        return text.matches("[^\"$`\\\\!]*") ? "\"" + text + "\"" : "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * How to give {@code setting} the value {@code text} in this source: {@code
     * CATFLAP_LISTEN=,127.0.0.1:9002}, {@code catflap.listen=,127.0.0.1:9002 in FILE}, {@code
     * -l 127.0.0.1:9002}.
     */
    String assignment(Setting<?> setting, String text) {
        return switch (kind) {
            case OPTION -> setting.optionNames()[0] + " " + text;
            case VARIABLE -> setting.environmentVariable() + "=" + text;
            case LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE -> setting.key() + "=" + text + " in " + path();
            case DEFAULT -> setting.key() + "=" + text;
        };
    }

    /**
     * An option's empty value with no element typed: a negation ({@code --no-spawn}, {@code
     * --no-watch}) gives none, where {@code --watch ''} gives one empty element (see cli's SettingOptions).
     */
    private static boolean typedEmpty(WrittenValue value) {
        return value.text().isEmpty() && (value.elements() == null || value.elements().isEmpty());
    }

    /**
     * How this source unset {@code setting} with the empty {@code value}, as the user wrote it,
     * e.g. "default, unset by --no-spawn", "unset by --watch ''", "unset by CATFLAP_WATCH=".
     */
    String unsetBy(Setting<?> setting, WrittenValue value) {
        String by = switch (kind) {
            case OPTION -> typedEmpty(value) ? inSentence(setting, value) : setting.option() + " ''";
            case VARIABLE -> setting.environmentVariable() + "=";
            case LOCAL_FILE, PROJECT_FILE, CONFIG_FILE, USER_FILE, DEFAULT -> setting.key() + "= in " + name(setting);
        };
        return (setting.defaultValue().isPresent() ? "default, " : "") + "unset by " + by;
    }

    /**
     * The source, if it is one developer's own rather than the team's or typed on purpose: e.g.
     * "CATFLAP_PORT in your environment", "catflap.host in your user file PATH:3" (a file's with
     * the line the value is on, where known), "CATFLAP_PORT= in your environment" for an empty
     * value that unset the project's.
     *
     * @param unset whether the value is empty
     * @param line the file's line, or {@link WrittenValue#NO_LINE}
     */
    Optional<String> personal(Setting<?> setting, boolean unset, int line) {
        String equals = unset ? "=" : "";
        String at = line > 0 ? ":" + line : "";
        return switch (kind) {
            case VARIABLE -> Optional.of(setting.environmentVariable() + equals + " in your environment");
            case LOCAL_FILE -> Optional.of(setting.key() + equals + " in your local file " + path() + at);
            case USER_FILE -> Optional.of(setting.key() + equals + " in your user file " + path() + at);
            case OPTION, PROJECT_FILE, CONFIG_FILE, DEFAULT -> Optional.empty();
        };
    }

    private Path path() {
        return file.orElseThrow();
    }
}
