package dev.catflap.config;

import static dev.catflap.config.Setting.Blank.FLAG;
import static dev.catflap.config.Setting.Blank.NO_DEFAULT;
import static dev.catflap.config.Setting.Blank.repeatable;
import static dev.catflap.config.Setting.Blank.single;

import dev.catflap.launch.CommandWords;
import dev.catflap.launch.Handoff;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.posix.OsString;
import dev.catflap.socket.Backlog;
import dev.catflap.socket.IpLiteral;
import dev.catflap.socket.ListenSpec;
import dev.catflap.socket.Port;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything catflap can be told, one row per setting: its key in files ({@code catflap.port}),
 * its {@code CATFLAP_} variable, its option's names, value label and help, its built-in default
 * and the parser that checks its text and gives its typed value. This is the one place to add a
 * setting; everything else comes from here: the options of {@code --help}, the man page and the
 * shell completion ({@code cli/SettingOptions}), the built-in defaults ({@link #defaults()}),
 * {@code --show-config}, the warnings for unknown keys and variables, and the typed value
 * ({@link CatflapConfig#value}). The rows are in the order {@code --help} lists them, group by
 * group; the README's option table is checked against them by a test.
 *
 * <p>A value is validated here, whatever source it came from, so that an error can name the
 * key, the value and the source.
 */
public enum Setting {
    LISTEN("listen", Group.SOCKET, "-l/--listen", repeatable("SPEC"), NO_DEFAULT, Setting::listenSpecs,
            // Ordered so that picocli, which may wrap after any ':', wraps between the forms.
            "A socket to bind, repeatable; they go to fds 3, 4, ... in order, and replace -h/-p. "
                    + "SPEC is HOST:PORT, [IPV6]:PORT, tcp://HOST:PORT, unix:PATH, unix:@NAME (abstract) "
                    + "or udp://HOST:PORT."),
    HOST("host", Group.SOCKET, "-h/--host", single("IP"), "127.0.0.1", IpLiteral::parse,
            "IPv4 or IPv6 address of the one TCP socket, without -l (default: " + Setting.DEFAULT + "). No name lookup."),
    PORT("port", Group.SOCKET, "-p/--port", single("PORT"), "5000", Port::parse,
            "Its TCP port; 0 picks a free one (default: " + Setting.DEFAULT + ")."),
    BACKLOG("backlog", Group.SOCKET, "--backlog", single("N"), NO_DEFAULT, Backlog::parse,
            "Connections the kernel queues while no server accepts (default: the system maximum)."),

    ENV("env", Group.COMMAND, "-e/--env", single("NAME"), "LISTEN_FD", Setting::variableName,
            "Environment variable that receives the first socket's fd number (default: " + Setting.DEFAULT + ")."),
    SYSTEMD("systemd", Group.COMMAND, "--systemd", FLAG, "false", Setting::bool,
            "Also set LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES, as systemd's socket activation does."),
    NO_PID("no-pid", Group.COMMAND, "--no-pid", FLAG, "false", Setting::bool,
            "With --systemd: leave LISTEN_PID unset, for a command that hands the sockets on."),
    FDNAME("fdname", Group.COMMAND, "--fdname", repeatable("NAME"), NO_DEFAULT, Setting::fdNames,
            "With --systemd: the next socket's name in LISTEN_FDNAMES, repeatable, one per socket "
                    + "(default: tcp, udp or unix)."),
    STDIN("stdin", Group.COMMAND, "--stdin", FLAG, "false", Setting::bool,
            // Worded so that picocli, which may wrap after any '.', keeps System.inheritedChannel() whole.
            "Put the one socket on fd 0 instead of 3, where inetd-style programs and "
                    + "System.inheritedChannel() in Java take it."),
    SETENV("setenv", Group.COMMAND, "--setenv", repeatable("NAME=VALUE"), NO_DEFAULT, Setting::assignments,
            "Set NAME to VALUE in the command's environment, repeatable: adds the variable or overrides the "
                    + "caller's (the last for a NAME wins). catflap runs no shell: write DEBUG=1 so, not before the "
                    + "command. Not -e's variable, LISTEN_FDS, LISTEN_PID or LISTEN_FDNAMES."),
    QUIET("quiet", Group.COMMAND, "-q/--quiet", FLAG, "false", Setting::bool,
            "Do not print the listening address, nor other notices (warnings still show)."),
    WORKDIR("workdir", Group.COMMAND, "--workdir", single("DIR"), NO_DEFAULT, Setting::directory,
            "Run the command in DIR, an existing directory; from a file, relative to the file's directory "
                    + "(default: the project file's directory for its command, else the working directory)."),

    SPAWN("spawn", Group.SUPERVISING, "--spawn", FLAG, "false", Setting::bool,
            "Run the command as a child, in a process group of its own, and stay: pass on HUP, INT, QUIT, "
                    + "USR1, USR2 and TERM, end as it ended (by the same signal, if one killed it), and end whatever "
                    + "it left running."),
    WATCH("watch", Group.SUPERVISING, "--watch", repeatable("PATH"), NO_DEFAULT, Setting::watchPaths,
            "Restart the command when files under PATH change (repeatable; implies --spawn; a PATH that does not exist yet is watched for). "
                    + "Changes do not count in .git/, target/, node_modules/ and __pycache__/, to editors' swap, "
                    + "backup and lock files, nor where the repository's .gitignore and .ignore files say."),
    IGNORE("ignore", Group.SUPERVISING, "--ignore", repeatable("GLOB"), NO_DEFAULT, Setting::globs,
            "With --watch, changes that do not count (repeatable): a GLOB without / matches a name "
                    + "at any depth, one with / a path under PATH."),
    NO_DEFAULT_IGNORES("no-default-ignores", Group.SUPERVISING, "--no-default-ignores", FLAG, "false", Setting::bool,
            "With --watch, let changes count in .git/, target/, node_modules/, __pycache__/ and editors' files."),
    NO_IGNORE_FILES("no-ignore-files", Group.SUPERVISING, "--no-ignore-files", FLAG, "false", Setting::bool,
            "With --watch, let changes count where .gitignore, .git/info/exclude and .ignore files leave them out."),
    GRACE("grace", Group.SUPERVISING, "--grace", single("SECONDS"), "5", Setting::seconds,
            "With --watch, how long the command's processes have to exit after SIGTERM before SIGKILL "
                    + "(default: " + Setting.DEFAULT + ")."),
    DEBOUNCE("debounce", Group.SUPERVISING, "--debounce", single("DURATION"), "50ms", Setting::duration,
            "With --watch, how long nothing must change before a restart, e.g. 500ms or 2s for a build that writes "
                    + "in steps (default: " + Setting.DEFAULT + "). A restart on demand: SIGHUP to catflap (kill -HUP)."),

    UNIT_COMMAND("unit-command", Group.UNITS, "--unit-command", single("COMMAND"), NO_DEFAULT, Setting::command,
            "The production command for ExecStart=, in shell words, where it is not the development one "
                    + "(e.g. no watcher); a COMMAND on the command line comes first (default: the command)."),
    UNIT_DIR("unit-dir", Group.UNITS, "--unit-dir", single("DIR"), ".", Setting::pathName,
            "The directory to write the units in, . for the working directory (default: " + Setting.DEFAULT + ")."),

    /**
     * The command: in files written as one line; on the command line, the words after the
     * options, which is why it has no option of its own (they reach {@link Configuration} as
     * words, not as a line to parse).
     */
    COMMAND("command", Group.NONE, "command line", single("COMMAND"), NO_DEFAULT, Setting::command,
            "The command to run, then its own arguments.");

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
    /** In a description, where the built-in default goes: written once, in the row's default. */
    public static final String DEFAULT = "{default}";
    /**
     * What an option takes: one value, or a list, which the option gives by being repeated and a
     * file or variable as comma-separated elements, quoted as words of a command are where they
     * hold a comma or blanks at their ends ({@link #elements}).
     *
     * @param label the value in the help, e.g. {@code PORT}
     */
    record Value(String label, boolean list) {
    }

    /** Words for the rows (a nested class: the rows may not refer to the enum's own fields). */
    static final class Blank {
        /** A setting that is unset unless a source sets it; its description says what unset means. */
        static final String NO_DEFAULT = null;
        /** An option that takes no value: given, it sets its setting to true. */
        static final Value FLAG = null;

        private Blank() {
        }

        static Value single(String label) {
            return new Value(label, false);
        }

        static Value repeatable(String label) {
            return new Value(label, true);
        }
    }

    /** Whole or decimal seconds in ASCII digits: no sign, exponent or other scripts' digits. */
    private static final Pattern SECONDS = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?");
    /** A number of seconds as above, or one of milliseconds or seconds with its unit: 500ms, 2s, 0.5s. */
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(ms|s)?");
    /** Longer than any server needs to finish its requests, short enough to notice a hang. */
    static final long MAX_GRACE_SECONDS = 3600;
    /** What sd_listen_fds_with_names accepts: printable ASCII without ':', which separates them. */
    private static final Pattern FD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,255}");

    private final String name;
    private final Group group;
    private final String option;
    private final Value value;
    private final String defaultValue;
    private final Function<String, ?> parser;
    private final String description;

    Setting(String name, Group group, String option, Value value, String defaultValue, Function<String, ?> parser,
            String description) {
        this.name = name;
        this.group = group;
        this.option = option;
        this.value = value;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.description = description;
    }

    /** The key in properties files, e.g. {@code catflap.port}. */
    public String key() {
        return KEY_PREFIX + name;
    }

    /** The environment variable, e.g. {@code CATFLAP_PORT} (SmallRye's mapping of the key). */
    public String environmentVariable() {
        return asVariable(key());
    }

    /**
     * SmallRye's mapping of a name to a variable's: upper case, every other character {@code _}.
     * It finds {@code catflap.port} in CATFLAP_PORT, and also in its lower-case or dotted forms.
     */
    static String asVariable(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
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
        boolean mode = value == null && !name.startsWith("no-") || this == WATCH;
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
        return Optional.ofNullable(value).map(Value::label);
    }

    /** The built-in default, as a file would write it; empty when the setting is unset by default. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * What {@code --help} says of the option, its default written in; a list's says how its
     * values combine with the files' and the variable's, in the same words for every list.
     */
    public String description() {
        String described = defaultValue == null ? description : description.replace(DEFAULT, defaultValue);
        return isList() ? described + " " + listRule() : described;
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
        for (Setting setting : values()) {
            setting.defaultValue().ifPresent(value -> defaults.put(setting.key(), value));
        }
        return defaults;
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
        return value != null && value.list();
    }

    /** Whether the value is a command line in shell words ({@link ShellWords}), as {@code catflap.command} is. */
    boolean isShellWords() {
        return this == COMMAND || this == UNIT_COMMAND;
    }

    public static Optional<Setting> forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key().equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** A command written as one line, split as a shell would ({@link ShellWords}). */
    static CommandWords command(String text) {
        return CommandWords.of(ShellWords.parse(text).words());
    }

    static String variableName(String text) {
        if (!VariableAssignment.NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("not a valid environment variable name (letters, digits and _, not starting with a digit)");
        }
        return text;
    }

    /** The {@code NAME=VALUE} elements of a comma-separated list, in order. */
    static List<VariableAssignment> assignments(String text) {
        return list(text, "no NAME=VALUE", Setting::assignment);
    }

    /**
     * One {@code NAME=VALUE}, split at its first {@code =}; the value may be empty. The systemd
     * protocol's variables are catflap's to set (and systemd's, in a unit), whatever the mode:
     * another value would tell the command of sockets that are not there. The -e variable,
     * which depends on another setting, is checked by {@link Combinations}.
     */
    private static VariableAssignment assignment(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("not NAME=VALUE (no '=' in it)");
        }
        String name = text.substring(0, equals);
        if (!VariableAssignment.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name "
                    + "(letters, digits and _, not starting with a digit)");
        }
        if (Handoff.SYSTEMD_VARIABLES.contains(name)) {
            throw new IllegalArgumentException(name + " is set by catflap itself (with --systemd) and by systemd in a "
                    + "unit, to tell the command of its sockets; choose another name");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character, which no variable's value can hold");
        }
        return new VariableAssignment(name, text.substring(equals + 1));
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    /**
     * The listen specs of a comma-separated list ({@link #elements}). No two may take the same address, nor overlapping ones.
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

    /**
     * The paths of a comma-separated list (relative ones in the working directory). A path need
     * not exist yet: the watcher watches for it to appear (a gitignored build/ on a fresh clone),
     * and {@code --show-config} or {@code --systemd-units}, which watch nothing, never wait for it.
     * Only a path that can never appear is refused: one below a file.
     */
    static List<Path> watchPaths(String text) {
        return list(text, "no path", Setting::watchPath);
    }

    private static Path watchPath(String text) {
        try {
            Path path = Path.of(text);
            if (!Files.exists(path)) {
                notUnderAFile(path);
            }
            return path;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(OsString.hasEscapes(text)
                    ? "a name that is not UTF-8, which catflap cannot watch" : "not a valid path");
        }
    }

    /** An existing directory (a relative one in the working directory, where options and variables give it). */
    static Path directory(String text) {
        Path path = pathName(text);
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(Files.exists(path) ? "not a directory" : "no such directory");
        }
        return path;
    }

    /** Refuses a missing path whose nearest existing ancestor is not a directory (app.py/build): it cannot appear there. */
    private static void notUnderAFile(Path missing) {
        for (Path above = missing.getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    throw new IllegalArgumentException(above + " is not a directory");
                }
                return;
            }
        }
    }

    /** A path that need not exist yet: it is checked where it is used, in the mode that uses it. */
    static Path pathName(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(OsString.hasEscapes(text)
                    ? "a name that is not UTF-8, which catflap cannot open" : "not a valid path");
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
     * digits; anything finer than a nanosecond rounds up. Read digit by digit, not with BigDecimal:
     * BigDecimal's class initialization computes 5^65536 (JDK 21+), milliseconds of every start.
     */
    static Duration seconds(String text) {
        Matcher matcher = SECONDS.matcher(text);
        if (matcher.matches()) {
            String whole = matcher.group(1).substring(leadingZeros(matcher.group(1)));
            String fraction = matcher.group(2) == null ? "" : matcher.group(2);
            if (whole.length() <= 4) {
                long seconds = whole.isEmpty() ? 0 : Long.parseLong(whole);
                boolean beyondWhole = leadingZeros(fraction) < fraction.length();
                if (seconds < MAX_GRACE_SECONDS || seconds == MAX_GRACE_SECONDS && !beyondWhole) {
                    return Duration.ofSeconds(seconds).plusNanos(nanosRoundedUp(fraction));
                }
            }
        }
        throw new IllegalArgumentException("not a number of seconds (0 to " + MAX_GRACE_SECONDS + ", e.g. 5 or 0.5)");
    }

    /**
     * A duration up to an hour: a number of seconds as {@link #seconds} takes it ({@code 0.5}), or
     * a number with its unit, {@code ms} or {@code s} ({@code 500ms}, {@code 2s}, {@code 1.5s}).
     * Milliseconds are read as seconds with the decimal point three places to the left, so that
     * both units have the same bounds and rounding.
     */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (matcher.matches()) {
            String whole = matcher.group(1);
            String fraction = matcher.group(2) == null ? "" : matcher.group(2);
            String seconds = "ms".equals(matcher.group(3)) ? thousandths(whole, fraction)
                    : whole + (fraction.isEmpty() ? "" : "." + fraction);
            try {
                return seconds(seconds);
            } catch (IllegalArgumentException e) {
                // out of range: said below, in this setting's own words
            }
        }
        throw new IllegalArgumentException("not a duration (0 to " + MAX_GRACE_SECONDS + " s, e.g. 500ms, 2s or 0.5)");
    }

    /** {@code whole.fraction} divided by 1000, written as a decimal number. */
    private static String thousandths(String whole, String fraction) {
        String digits = whole + fraction;
        int point = whole.length() - 3;
        return point > 0 ? digits.substring(0, point) + "." + digits.substring(point) : "0." + "0".repeat(-point) + digits;
    }

    /** The digits after the decimal point as nanoseconds, a remainder finer than that rounding up. */
    private static long nanosRoundedUp(String fraction) {
        String nanos = (fraction + "000000000").substring(0, 9);
        boolean finer = fraction.length() > 9 && leadingZeros(fraction.substring(9)) < fraction.length() - 9;
        return Long.parseLong(nanos) + (finer ? 1 : 0);
    }

    private static int leadingZeros(String digits) {
        int zeros = 0;
        while (zeros < digits.length() && digits.charAt(zeros) == '0') {
            zeros++;
        }
        return zeros;
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

    /**
     * The elements of a list value, split as {@link ShellWords#elements} splits it: commas
     * between them, blanks around them dropped, quotes and backslashes as in a command, so that
     * {@code catflap.ignore="*.pyc", '*.tmp'} gives the globs {@code *.pyc} and {@code *.tmp}.
     * Empty elements are left out, as before quoting counted ({@code a,,b} is {@code a} and {@code b}).
     *
     * @throws IllegalArgumentException for an unfinished quote or an unquoted word starting with {@code #}
     */
    static List<String> elements(String text) {
        List<String> elements = new ArrayList<>(ShellWords.elements(text));
        elements.removeIf(String::isEmpty);
        return elements;
    }

    /**
     * The elements of a list value as written, empty ones included: where lists combine
     * ({@link ListValue}), an empty element clears those before it. {@code ""} is one empty element.
     *
     * @throws IllegalArgumentException as {@link #elements} does
     */
    static List<String> writtenElements(String text) {
        return ShellWords.elements(text);
    }

    /** {@code elements} written as one list value, as a repeated option gives them; {@link #elements} gives them back. */
    public static String listText(List<String> elements) {
        return ShellWords.listText(elements);
    }
}
