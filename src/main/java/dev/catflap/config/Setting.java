package dev.catflap.config;

import dev.catflap.posix.OsString;
import dev.catflap.socket.Backlog;
import dev.catflap.socket.IpLiteral;
import dev.catflap.socket.ListenSpec;
import dev.catflap.socket.Port;
import io.smallrye.config.common.utils.StringUtil;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every setting catflap knows: its key, the option that sets it and how its text is checked. This
 * is where a value is validated, whatever source it came from, so that an error can name the key,
 * the value and the source; {@link CatflapConfig} then gives the checked values their types.
 */
public enum Setting {
    PORT("port", "-p/--port", Port::parse),
    HOST("host", "-h/--host", IpLiteral::parse),
    ENV("env", "-e/--env", Setting::variableName),
    QUIET("quiet", "-q/--quiet", Setting::bool),
    BACKLOG("backlog", "--backlog", Backlog::parse),
    /** The command: in files written as one line; on the command line, the words after the options. */
    COMMAND("command", "command line", ShellWords::parse),
    LISTEN("listen", "-l/--listen", Setting::listenSpecs),
    SYSTEMD("systemd", "--systemd", Setting::bool),
    NO_PID("no-pid", "--no-pid", Setting::bool),
    FDNAME("fdname", "--fdname", Setting::fdNames),
    STDIN("stdin", "--stdin", Setting::bool),
    SPAWN("spawn", "--spawn", Setting::bool),
    WATCH("watch", "--watch", Setting::existingPaths),
    IGNORE("ignore", "--ignore", Setting::globs),
    GRACE("grace", "--grace", Setting::seconds);

    /** Blanks around each element of a list ({@code src, lib}) belong to the list's syntax, not to the element. */
    private static final String BLANKS = " \t";
    /** Whole or decimal seconds in ASCII digits: no sign, exponent or other scripts' digits. */
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    /** Longer than any server needs to finish its requests, short enough to notice a hang. */
    static final long MAX_GRACE_SECONDS = 3600;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** What sd_listen_fds_with_names accepts: printable ASCII without ':', which separates them. */
    private static final Pattern FD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,255}");

    private final String name;
    private final String option;
    private final Function<String, ?> parser;

    Setting(String name, String option, Function<String, ?> parser) {
        this.name = name;
        this.option = option;
        this.parser = parser;
    }

    /** The key in properties files, e.g. {@code catflap.port}. */
    public String key() {
        return CatflapConfig.PREFIX + "." + name;
    }

    /** The environment variable, e.g. {@code CATFLAP_PORT} (SmallRye's mapping of the key). */
    public String environmentVariable() {
        return key().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The command-line option, e.g. {@code -p/--port}. */
    public String option() {
        return option;
    }

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public Object parse(String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            // A properties file keeps blanks at a value's end, where nobody sees them.
            boolean blanks = !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                    || Character.isWhitespace(text.charAt(text.length() - 1)));
            throw blanks && !isList() ? new IllegalArgumentException(e.getMessage() + "; the value has blanks around it") : e;
        }
    }

    /** Whether the value is a comma-separated list, which a repeated option gives. */
    public boolean isList() {
        return this == LISTEN || this == FDNAME || this == WATCH || this == IGNORE;
    }

    public static Optional<Setting> forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    static String variableName(String text) {
        if (!VARIABLE_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("not a valid environment variable name (letters, digits and _, not starting with a digit)");
        }
        return text;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    /**
     * The listen specs of a comma-separated list, as SmallRye splits it ({@code \\,} is a comma
     * inside a spec). No two may take the same address, nor overlapping ones.
     */
    static List<ListenSpec> listenSpecs(String text) {
        List<String> elements = elements(text);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("no listen spec (write " + ListenSpec.SYNTAX + ")");
        }
        List<ListenSpec> specs = new ArrayList<>();
        for (String element : elements) {
            ListenSpec spec = quotingElement(elements, element, ListenSpec::parse);
            for (ListenSpec earlier : specs) {
                if (spec.clashesWith(earlier)) {
                    throw new IllegalArgumentException(spec.clashDescription(earlier));
                }
            }
            specs.add(spec);
        }
        return specs;
    }

    /** The names of a comma-separated list of LISTEN_FDNAMES entries. */
    static List<String> fdNames(String text) {
        return list(text, "no socket name", Setting::fdName);
    }

    private static String fdName(String name) {
        if (!FD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a socket name (1-255 printable ASCII characters, no ':' or space)");
        }
        return name;
    }

    /** The paths of a comma-separated list, each of which must exist (relative ones in the working directory). */
    static List<Path> existingPaths(String text) {
        return list(text, "no path", Setting::existingPath);
    }

    private static Path existingPath(String text) {
        try {
            Path path = Path.of(text);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or directory");
            }
            return path;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(OsString.hasEscapes(text)
                    ? "a name that is not UTF-8, which catflap cannot watch" : "not a valid path");
        }
    }

    /** The globs of a comma-separated list, each checked by the matcher that will use it. */
    static List<String> globs(String text) {
        return list(text, "no glob", Setting::glob);
    }

    private static String glob(String text) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + text);
            return text;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid glob (" + e.getDescription() + ")");
        }
    }

    /**
     * A number of seconds up to {@value #MAX_GRACE_SECONDS}, fractions allowed (5, 0.5), in ASCII
     * digits; anything finer than a nanosecond rounds up.
     */
    static Duration seconds(String text) {
        if (SECONDS.matcher(text).matches()) {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.compareTo(BigDecimal.valueOf(MAX_GRACE_SECONDS)) <= 0) {
                return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact());
            }
        }
        throw new IllegalArgumentException("not a number of seconds (0 to " + MAX_GRACE_SECONDS + ", e.g. 5 or 0.5)");
    }

    /** Each element of a list value parsed; an empty list is an error saying {@code whenEmpty}. */
    private static <T> List<T> list(String text, String whenEmpty, Function<String, T> parser) {
        List<String> elements = elements(text);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException(whenEmpty);
        }
        List<T> parsed = new ArrayList<>();
        for (String element : elements) {
            parsed.add(quotingElement(elements, element, parser));
        }
        return parsed;
    }

    /** Parses one element of a list; where there are several, the error quotes the bad one. */
    private static <T> T quotingElement(List<String> elements, String element, Function<String, T> parser) {
        try {
            return parser.apply(element);
        } catch (IllegalArgumentException e) {
            throw elements.size() > 1 ? new IllegalArgumentException(element + ": " + e.getMessage()) : e;
        }
    }

    /** The elements of a list value, as SmallRye splits it ({@code \\,} a comma), each without surrounding blanks. */
    static List<String> elements(String text) {
        String[] elements = StringUtil.split(text);
        List<String> stripped = new ArrayList<>();
        for (String element : elements) {
            stripped.add(withoutBlanks(element));
        }
        return stripped;
    }

    /** A list element without the spaces and tabs around it; other characters, a newline included, stay. */
    static String withoutBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && BLANKS.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && BLANKS.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
