package dev.catflap.config;

import static dev.catflap.config.Setting.Blank.FLAG;
import static dev.catflap.config.Setting.Blank.NO_DEFAULT;
import static dev.catflap.config.Setting.Blank.byDefault;
import static dev.catflap.config.Setting.Blank.repeatable;
import static dev.catflap.config.Setting.Blank.single;

import dev.catflap.socket.Backlog;
import dev.catflap.socket.IpLiteral;
import dev.catflap.socket.Port;
import dev.catflap.launch.CommandWords;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.socket.ListenSpec;
import dev.catflap.supervise.IgnoreGlob;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything catflap can be told, one row per setting: its key in files ({@code catflap.port}),
 * its {@code CATFLAP_} variable, its option's names, value label and help, its built-in default
 * and the parser that checks its text and gives its typed value. This is the one place to add a
 * setting; everything else comes from here: the options of {@code --help}, the man page and the
 * shell completion ({@code cli/SettingOptions}), the built-in defaults ({@link #defaults()}),
 * {@code --show-config}, the warnings for unknown keys and variables, and the typed value
 * ({@link CatflapConfig}). The rows are in the order {@code --help} lists them, group by
 * group; the README's option table is checked against them by a test.
 *
 * <p>A row is a key, not an enum constant, because an enum cannot be generic: {@code T}, the
 * type its parser gives, is written once, in the row, and the compiler holds everything else to
 * it: the parser must return a {@code T}, and {@link CatflapConfig} gives a {@code T} back without
 * a cast anywhere outside this package.
 *
 * <p>A value is validated here, whatever source it came from, so that an error can name the
 * key, the value and the source.
 *
 * @param <T> the type of the setting's value
 */
public final class Setting<T> {
    /** Every row, in the order they are declared: each adds itself as it is made, so that none can be left out. */
    private static final List<Setting<?>> ROWS = new ArrayList<>();

    public static final Setting<List<ListenSpec>> LISTEN = new Setting<>(
            "listen", Group.SOCKET, "-l/--listen", repeatable("SPEC"), NO_DEFAULT, SettingParsers::listenSpecs,
            // Ordered so that picocli, which may wrap after any ':', wraps between the forms.
            "A socket to bind, repeatable; they go to fds 3, 4, ... in order, and replace -h/-p. "
                    + "SPEC is HOST:PORT, [IPV6]:PORT, tcp://HOST:PORT, unix:PATH, unix:@NAME (abstract) "
                    + "or udp://HOST:PORT.");
    public static final Setting<InetAddress> HOST = new Setting<>(
            "host", Group.SOCKET, "-h/--host", single("IP"), byDefault("127.0.0.1"), IpLiteral::parse,
            "IPv4 or IPv6 address of the one TCP socket, without -l (default: " + Setting.DEFAULT + "). No name lookup.");
    public static final Setting<Integer> PORT = new Setting<>(
            "port", Group.SOCKET, "-p/--port", single("PORT"), byDefault("5000"), Port::parse,
            "Its TCP port; 0 picks a free one (default: " + Setting.DEFAULT + ").");
    public static final Setting<Integer> BACKLOG = new Setting<>(
            "backlog", Group.SOCKET, "--backlog", single("N"), NO_DEFAULT, Backlog::parse,
            "Connections the kernel queues while no server accepts (default: the system maximum).");

    public static final Setting<String> ENV = new Setting<>(
            "env", Group.COMMAND, "-e/--env", single("NAME"), byDefault("LISTEN_FD"), SettingParsers::variableName,
            "Environment variable that receives the first socket's fd number (default: " + Setting.DEFAULT + ").");
    public static final Setting<Boolean> SYSTEMD = new Setting<>(
            "systemd", Group.COMMAND, "--systemd", FLAG, byDefault("false"), SettingParsers::bool,
            "Also set LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES, as systemd's socket activation does.");
    public static final Setting<Boolean> NO_PID = new Setting<>(
            "no-pid", Group.COMMAND, "--no-pid", FLAG, byDefault("false"), SettingParsers::bool,
            "With --systemd: leave LISTEN_PID unset, for a command that hands the sockets on.");
    public static final Setting<List<String>> FDNAME = new Setting<>(
            "fdname", Group.COMMAND, "--fdname", repeatable("NAME"), NO_DEFAULT, SettingParsers::fdNames,
            "With --systemd: the next socket's name in LISTEN_FDNAMES, repeatable, one per socket "
                    + "(default: tcp, udp or unix).");
    public static final Setting<Boolean> STDIN = new Setting<>(
            "stdin", Group.COMMAND, "--stdin", FLAG, byDefault("false"), SettingParsers::bool,
            // Worded so that picocli, which may wrap after any '.', keeps System.inheritedChannel() whole.
            "Put the one socket on fd 0 instead of 3, where inetd-style programs and "
                    + "System.inheritedChannel() in Java take it.");
    public static final Setting<List<VariableAssignment>> SETENV = new Setting<>(
            "setenv", Group.COMMAND, "--setenv", repeatable("NAME=VALUE"), NO_DEFAULT, SettingParsers::assignments,
            "Set NAME to VALUE in the command's environment, repeatable: adds the variable or overrides the "
                    + "caller's (the last for a NAME wins). catflap runs no shell: write DEBUG=1 so, not before the "
                    + "command. Not -e's variable, LISTEN_FDS, LISTEN_PID or LISTEN_FDNAMES.");
    public static final Setting<Boolean> QUIET = new Setting<>(
            "quiet", Group.COMMAND, "-q/--quiet", FLAG, byDefault("false"), SettingParsers::bool,
            "Do not print the listening address, nor other notices (warnings still show).");
    public static final Setting<Path> WORKDIR = new Setting<>(
            "workdir", Group.COMMAND, "--workdir", single("DIR"), NO_DEFAULT, SettingParsers::directory,
            "Run the command in DIR, an existing directory "
                    + "(default: the project file's directory for its command, else the working directory).");

    public static final Setting<Boolean> SPAWN = new Setting<>(
            "spawn", Group.SUPERVISING, "--spawn", FLAG, byDefault("false"), SettingParsers::bool,
            "Run the command as a child, in a process group of its own, and stay: pass on HUP, INT, QUIT, "
                    + "USR1, USR2 and TERM, end as it ended (by the same signal, if one killed it), and end whatever "
                    + "it left running.");
    public static final Setting<List<Path>> WATCH = new Setting<>(
            "watch", Group.SUPERVISING, "--watch", repeatable("PATH"), NO_DEFAULT, SettingParsers::watchPaths,
            "Restart the command when files under PATH change (repeatable; implies --spawn; a PATH that does not exist yet is watched for). "
                    + "Changes do not count in .git/, target/, node_modules/ and __pycache__/, to editors' swap, "
                    + "backup and lock files, nor where the repository's .gitignore and .ignore files say.");
    public static final Setting<List<IgnoreGlob>> IGNORE = new Setting<>(
            "ignore", Group.SUPERVISING, "--ignore", repeatable("GLOB"), NO_DEFAULT, SettingParsers::globs,
            "With --watch, changes that do not count (repeatable): a GLOB without / matches a name "
                    + "at any depth, one with / a path under PATH.");
    public static final Setting<Boolean> NO_DEFAULT_IGNORES = new Setting<>(
            "no-default-ignores", Group.SUPERVISING, "--no-default-ignores", FLAG, byDefault("false"), SettingParsers::bool,
            "With --watch, let changes count in .git/, target/, node_modules/, __pycache__/ and editors' files.");
    public static final Setting<Boolean> NO_IGNORE_FILES = new Setting<>(
            "no-ignore-files", Group.SUPERVISING, "--no-ignore-files", FLAG, byDefault("false"), SettingParsers::bool,
            "With --watch, let changes count where .gitignore, .git/info/exclude and .ignore files leave them out.");
    public static final Setting<Duration> GRACE = new Setting<>(
            "grace", Group.SUPERVISING, "--grace", single("SECONDS"), byDefault("5"), SettingParsers::seconds,
            "With --watch, how long the command's processes have to exit after SIGTERM before SIGKILL "
                    + "(default: " + Setting.DEFAULT + ").");
    public static final Setting<Duration> DEBOUNCE = new Setting<>(
            "debounce", Group.SUPERVISING, "--debounce", single("DURATION"), byDefault("50ms"), SettingParsers::duration,
            "With --watch, how long nothing must change before a restart, e.g. 500ms or 2s for a build that writes "
                    + "in steps (default: " + Setting.DEFAULT + "). A restart on demand: SIGHUP to catflap (kill -HUP).");

    public static final Setting<CommandWords> UNIT_COMMAND = new Setting<>(
            "unit-command", Group.UNITS, "--unit-command", single("COMMAND"), NO_DEFAULT, SettingParsers::command,
            "The production command for ExecStart=, in shell words, where it is not the development one "
                    + "(e.g. no watcher); a COMMAND on the command line comes first (default: the command).");
    public static final Setting<Path> UNIT_DIR = new Setting<>(
            "unit-dir", Group.UNITS, "--unit-dir", single("DIR"), byDefault("."), SettingParsers::pathName,
            "The directory to write the units in (default: the working directory).");

    /**
     * The command: in files written as one line; on the command line, the words after the
     * options, which is why it has no option of its own (they reach {@link Configuration} as
     * words, not as a line to parse).
     */
    public static final Setting<CommandWords> COMMAND = new Setting<>(
            "command", Group.NONE, "command line", single("COMMAND"), NO_DEFAULT, SettingParsers::command,
            "The command to run, then its own arguments.");

    /** The rows, in the order {@code --help} lists them. */
    private static final List<Setting<?>> ALL = List.copyOf(ROWS);
    /** The rows by their variable ({@link #environmentVariable()}), each made once from its key. */
    private static final Map<String, Setting<?>> BY_VARIABLE = byVariable();

    /** Where {@code --help} lists a setting's option, under which heading, in this order. */
    public enum Group {
        SOCKET("Socket options"),
        COMMAND("Command options"),
        SUPERVISING("Supervising options"),
        /** Listed after the configuration options, where --systemd-units is, which they go with. */
        UNITS("Unit options (with --systemd-units)", 5),
        /** Not an option: {@link Setting#COMMAND}, the words after them. */
        NONE("");

        private final String heading;
        private final int order;

        Group(String heading) {
            this.heading = heading;
            this.order = ordinal() + 1;
        }

        Group(String heading, int order) {
            this.heading = heading;
            this.order = order;
        }

        public String heading() {
            return heading;
        }

        /**
         * Whether its settings serve only the development loop, where catflap supervises the
         * command: watching, ignoring, restarting, the pause before a restart, the grace before
         * SIGKILL. In production systemd supervises the service, with its own stop timeout
         * (TimeoutStopSec=, 90 s by default) for a server that drains its connections, not a
         * developer's quick restart: {@code --systemd-units} leaves them out and names them.
         */
        public boolean developmentOnly() {
            return this == SUPERVISING;
        }

        /** Where {@code --help} lists the group among all option groups (the configuration options are 4). */
        public int order() {
            return order;
        }
    }

    /** What every key starts with: catflap's part of a properties file. */
    public static final String KEY_PREFIX = "catflap.";
    /** What every setting's variable starts with, {@code CATFLAP_}: the key prefix mapped as every key is. */
    static final String VARIABLE_PREFIX = asVariable(KEY_PREFIX);
    /** In a description, where the built-in default goes: written once, in the row's default. */
    public static final String DEFAULT = "{default}";
    /** What an option takes: nothing (a switch), one value, or a list ({@link Value}). */
    enum Takes {
        /** A switch: the option takes no value and, given, sets its setting to true. */
        NOTHING,
        ONE,
        /**
         * A list, which the option gives by being repeated and a file or variable as
         * comma-separated elements, quoted as words of a command are where they hold a comma or
         * blanks at their ends ({@link ListSyntax#elements}).
         */
        LIST
    }

    /**
     * What an option takes, and its value's name in the help.
     *
     * @param label the value in the help, e.g. {@code PORT}; empty for a switch, which takes none
     */
    record Value(Takes takes, String label) {
    }

    /** Words for the rows (a nested class, made before the rows that use its words). */
    static final class Blank {
        /** A setting that is unset unless a source sets it; its description says what unset means. */
        static final Optional<String> NO_DEFAULT = Optional.empty();
        /** An option that takes no value: given, it sets its setting to true. */
        static final Value FLAG = new Value(Takes.NOTHING, "");

        private Blank() {
        }

        static Value single(String label) {
            return new Value(Takes.ONE, label);
        }

        static Value repeatable(String label) {
            return new Value(Takes.LIST, label);
        }

        /** The built-in default, as a file would write it. */
        static Optional<String> byDefault(String text) {
            return Optional.of(text);
        }
    }

    private final String name;
    private final Group group;
    private final String option;
    private final Value value;
    private final Optional<String> defaultValue;
    /** A list's parser takes its elements; a single value's, its text. */
    private final ListParser<T> listParser;
    private final Function<String, T> parser;
    private final String description;
    /** {@link #environmentVariable()}, made from the key once, when the row is. */
    private final String variable;

    /**
     * A list setting's parser: it takes the elements as their sources gave them (each option's
     * value, each element of a file's or variable's value), never the list joined into text again.
     */
    @FunctionalInterface
    interface ListParser<T> {
        /**
         * @param elements none empty (an empty one clears, see {@link ListValue}); none at all is an error
         * @throws IllegalArgumentException saying what is wrong with an element, or with the list
         */
        T parse(List<String> elements);
    }

    private Setting(String name, Group group, String option, Value value, Optional<String> defaultValue,
            Function<String, T> parser, String description) {
        this(name, group, option, value, defaultValue, null, parser, description);
    }

    private Setting(String name, Group group, String option, Value value, Optional<String> defaultValue,
            ListParser<T> listParser, String description) {
        this(name, group, option, value, defaultValue, listParser, null, description);
    }

    private Setting(String name, Group group, String option, Value value, Optional<String> defaultValue,
            ListParser<T> listParser, Function<String, T> parser, String description) {
        if ((value.takes() == Takes.LIST) != (listParser != null)) {
            throw new IllegalStateException(name + ": a list takes a ListParser, and only a list does");
        }
        this.name = name;
        this.group = group;
        this.option = option;
        this.value = value;
        this.defaultValue = defaultValue;
        this.listParser = listParser;
        this.parser = parser;
        this.description = description;
        this.variable = asVariable(key());
        ROWS.add(this);
    }

    /** Every setting, in the order {@code --help} lists them. */
    public static List<Setting<?>> values() {
        return ALL;
    }

    /** The key in properties files, e.g. {@code catflap.port}. */
    public String key() {
        return KEY_PREFIX + name;
    }

    /** The environment variable, e.g. {@code CATFLAP_PORT} (the key mapped by {@link #asVariable}). */
    public String environmentVariable() {
        return variable;
    }

    /**
     * The setting whose variable is exactly {@code name} ({@code CATFLAP_PORT}): only the names
     * man ENVIRONMENT lists are read. SmallRye's environment source would also take a lower-case
     * or dotted spelling ({@code catflap_port}, {@code catflap.port}) and credit it to the upper-case
     * name, which the user never set.
     */
    static Optional<Setting<?>> forVariable(String name) {
        return Optional.ofNullable(BY_VARIABLE.get(name));
    }

    /**
     * The setting whose variable {@code name} spells otherwise ({@code catflap_port} for {@code
     * CATFLAP_PORT}), for the warning that it is not read; empty for an exact name or none.
     */
    static Optional<Setting<?>> misspeltVariable(String name) {
        return forVariable(name).isPresent() ? Optional.empty() : forVariable(asVariable(name));
    }

    /**
     * A key mapped to its variable's name: upper case, every other character {@code _}
     * ({@code catflap.no-pid} to {@code CATFLAP_NO_PID}). The one place the mapping is written: a
     * row's variable is made by it, and a variable misspelt is matched to its row by it. A loop,
     * not a regular expression: every variable of the caller's passes here at each start.
     */
    static String asVariable(String name) {
        char[] variable = name.toUpperCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < variable.length; i++) {
            char c = variable[i];
            variable[i] = c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_';
        }
        return new String(variable);
    }

    private static Map<String, Setting<?>> byVariable() {
        Map<String, Setting<?>> rows = new LinkedHashMap<>();
        for (Setting<?> setting : ALL) {
            rows.put(setting.environmentVariable(), setting);
        }
        return Map.copyOf(rows);
    }

    /** The command-line option as messages name it, e.g. {@code -p/--port}; for the command, "command line". */
    public String option() {
        return option;
    }

    /** Whether an option sets it: all but {@link #COMMAND}. */
    public boolean isOption() {
        return group != Group.NONE;
    }

    /** The option's names, e.g. {@code -p} and {@code --port}. */
    public String[] optionNames() {
        return isOption() ? option.split("/") : new String[0];
    }

    /**
     * The option that switches the setting off where a file or variable turned it on, e.g.
     * {@code --no-spawn}: one for each switch and for {@link #WATCH}, which picks a mode. The
     * {@code --no-...} switches have none: they only refine a mode that can itself be switched
     * off ({@code --no-systemd}, {@code --no-watch}). Any setting is also unset by an empty value.
     */
    public Optional<String> negation() {
        boolean mode = value.takes() == Takes.NOTHING && !name.startsWith("no-") || this == WATCH;
        return mode ? Optional.of("--no-" + name) : Optional.empty();
    }

    /**
     * Whether the setting serves only the development loop, and so stays out of the units: the
     * rows of its {@link Group#developmentOnly() group}, every one of the Supervising options.
     */
    public boolean developmentOnly() {
        return group.developmentOnly();
    }

    /** Where {@code --help} lists the option. */
    public Group group() {
        return group;
    }

    /** The option's value in the help, e.g. {@code PORT}; empty for a flag, which takes none. */
    public Optional<String> label() {
        return value.takes() == Takes.NOTHING ? Optional.empty() : Optional.of(value.label());
    }

    /** The built-in default, as a file would write it; empty when the setting is unset by default. */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    /**
     * What {@code --help} says of the option, its default written in; a path's says what a
     * relative one is relative to, and a list's how its values combine with the files' and the
     * variable's, each in the same words for every row.
     */
    public String description() {
        String described = defaultValue.map(text -> description.replace(DEFAULT, text)).orElse(description)
                + relativePath().map(path -> " " + relativePathRule(path)).orElse("");
        return isList() ? described + " " + listRule() : described;
    }

    /**
     * The part of the value that may be a relative path: the label of a path's row, unix:PATH of
     * a listen spec; empty for a row that takes no path.
     */
    private Optional<String> relativePath() {
        if (this == LISTEN) {
            return Optional.of("unix:PATH");
        }
        return this == WATCH || this == WORKDIR || this == UNIT_DIR ? Optional.of(value.label()) : Optional.empty();
    }

    /**
     * Whether a relative value means another path in a file than as an option ({@link FilePaths}),
     * so that a default written as it is (unit-dir's {@code .}) is no value to suggest for a file.
     */
    public boolean isRelativeToTheFile() {
        return relativePath().isPresent();
    }

    /** What a relative path means where: the same rule, in the same words, for every row that takes one ({@link FilePaths}). */
    private static String relativePathRule(String path) {
        return "A relative " + path + " is the working directory's as an option or variable, the file's directory's in a file.";
    }

    /** The list rule ({@link ListValue}) as {@code --help} says it for this list. */
    private String listRule() {
        String longOption = optionNames()[optionNames().length - 1];
        return "Adds to the files' and " + environmentVariable() + "'s " + value.label() + "s; an empty "
                + value.label() + " drops those before it (" + longOption + " '' alone: none).";
    }

    /** The built-in defaults, by key: the lowest of catflap's configuration sources. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Setting<?> setting : values()) {
            setting.defaultValue().ifPresent(value -> defaults.put(setting.key(), value));
        }
        return defaults;
    }

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    T parse(String text) {
        if (isList()) {
            return parse(ListSyntax.elements(text)); // as a file or variable writes a list
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            // A properties file keeps blanks at a value's end, where nobody sees them.
            boolean blanks = !text.isEmpty() && (isBlank(text.codePointAt(0))
                    || isBlank(text.codePointBefore(text.length())));
            throw blanks && !isList() ? new IllegalArgumentException(e.getMessage() + "; the value has blanks around it") : e;
        }
    }

    /** A blank, ASCII's or another's (a no-break space), or a character that shows nothing (a zero-width space, a BOM). */
    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    /**
     * The typed value of a list's {@code elements}, as their sources gave them: nothing joins
     * them into text to split again.
     *
     * @param elements none empty; none at all is refused, as a file's value with no element is
     * @throws IllegalArgumentException saying what is wrong with them
     */
    T parse(List<String> elements) {
        if (!isList()) {
            throw new IllegalStateException(key() + " is no list");
        }
        return listParser.parse(List.copyOf(elements));
    }

    /** Whether the value is a comma-separated list, which a repeated option gives. */
    public boolean isList() {
        return value.takes() == Takes.LIST;
    }

    /** Whether the value is a command line in shell words ({@link ShellWords}), as {@code catflap.command} is. */
    boolean isShellWords() {
        return this == COMMAND || this == UNIT_COMMAND;
    }

    /** The key, e.g. {@code catflap.port}, as messages and tests name a setting. */
    @Override
    public String toString() {
        return key();
    }

    public static Optional<Setting<?>> forKey(String key) {
        for (Setting<?> setting : values()) {
            if (setting.key().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

}
