package dev.catflap.config;

import dev.catflap.launch.CommandWords;
import dev.catflap.launch.Handoff;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.posix.OsString;
import dev.catflap.socket.ListenSpec;
import dev.catflap.supervise.IgnoreGlob;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parsers of {@link Setting}'s rows, one per kind of value: each checks a value's text and
 * gives its typed value, or throws an {@link IllegalArgumentException} saying what is wrong with
 * it, in words that {@link Configuration} puts after the value and where it came from. A list's
 * elements are split and quoted by {@link ListSyntax}.
 */
final class SettingParsers {
    /** Whole or decimal seconds in ASCII digits: no sign, exponent or other scripts' digits. */
    private static final Pattern SECONDS = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?");
    /** A number of seconds as above, or one of milliseconds or seconds with its unit: 500ms, 2s, 0.5s. */
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?(ms|s)?");
    /** Longer than any server needs to finish its requests, short enough to notice a hang. */
    static final long MAX_GRACE_SECONDS = 3600;
    /** What sd_listen_fds_with_names accepts: printable ASCII without ':', which separates them. */
    private static final Pattern FD_NAME = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,255}");

    private SettingParsers() {
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

    /** The {@code NAME=VALUE} elements of a list, in order. */
    static List<VariableAssignment> assignments(List<String> elements) {
        return ListSyntax.each(elements, "no NAME=VALUE", SettingParsers::assignment);
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
            default -> throw new IllegalArgumentException("not a switch's value: write true or false "
                    + "(yes/no, on/off and 1/0 are read as those too)");
        };
    }

    /**
     * The listen specs of a list. No two may take the same address, nor overlapping ones.
     */
    static List<ListenSpec> listenSpecs(List<String> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("no listen spec (write " + ListenSpec.SYNTAX + ")");
        }
        List<ListenSpec> specs = new ArrayList<>();
        for (String element : elements) {
            ListenSpec spec = ListSyntax.quotingElement(elements, element, SettingParsers::listenSpec);
            for (ListenSpec earlier : specs) {
                if (spec.clashesWith(earlier)) {
                    throw new IllegalArgumentException(spec.clashDescription(earlier));
                }
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static ListenSpec listenSpec(String text) {
        if (text.startsWith(ListenSpec.UNIX_SCHEME)) {
            notHome(text.substring(ListenSpec.UNIX_SCHEME.length()));
        }
        return ListenSpec.parse(text);
    }

    /** The names of a list of LISTEN_FDNAMES entries. */
    static List<String> fdNames(List<String> elements) {
        return ListSyntax.each(elements, "no socket name", SettingParsers::fdName);
    }

    private static String fdName(String name) {
        if (!FD_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a socket name (1-255 printable ASCII characters, no ':' or space)");
        }
        return name;
    }

    /**
     * The paths of a list (relative ones in the working directory). A path need
     * not exist yet: the watcher watches for it to appear (a gitignored build/ on a fresh clone),
     * and {@code --show-config} or {@code --systemd-units}, which watch nothing, never wait for it.
     * Only a path that can never appear is refused: one below a file.
     */
    static List<Path> watchPaths(List<String> elements) {
        return ListSyntax.each(elements, "no path", SettingParsers::watchPath);
    }

    private static Path watchPath(String text) {
        notHome(text);
        try {
            Path path = Path.of(text);
            if (!Files.exists(path)) {
                notUnderAFile(path);
            } else if (Files.isDirectory(path)) {
                canWatchIn(path, "permission denied: catflap can see nothing in it to watch");
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

    /**
     * Refuses a path starting with {@code ~}, in every path setting and from every source: a
     * shell's home directory, taken as a name it would be a directory {@code ~} below the working
     * directory (or the file's), waited for or looked in in vain. An option's was expanded by the
     * shell, unless quoted.
     */
    private static void notHome(String path) {
        if (path.startsWith("~")) {
            throw new IllegalArgumentException("'~' starting a path is a home directory to a shell, and catflap "
                    + "expands none: write the path");
        }
    }

    /**
     * Refuses a missing path whose nearest existing ancestor is not a directory (app.py/build): it
     * cannot appear there; or is one the user cannot watch (see {@link #canWatchIn}). A relative
     * path's nearest is at worst the working directory.
     */
    private static void notUnderAFile(Path missing) {
        for (Path above = missing.getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    throw new IllegalArgumentException(above + " is not a directory");
                }
                canWatchIn(above, "cannot watch for it in " + above + ": permission denied");
                return;
            }
        }
        if (!missing.isAbsolute()) {
            Path here = Path.of("").toAbsolutePath(); // nothing of it exists: the working directory is watched
            canWatchIn(here, "cannot watch for it in " + here + ": permission denied");
        }
    }

    /**
     * Refuses a directory the user cannot both list and search: the watcher could see nothing in
     * it (a subdirectory of a private one never seems to appear, a private one's files never to
     * change), and would find out only after the socket is bound and the command started.
     */
    private static void canWatchIn(Path directory, String refusal) {
        if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /** A path that need not exist yet: it is checked where it is used, in the mode that uses it. */
    static Path pathName(String text) {
        notHome(text);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(OsString.hasEscapes(text)
                    ? "a name that is not UTF-8, which catflap cannot open" : "not a valid path");
        }
    }

    /**
     * The globs of a list, compiled: the matcher that checks a glob is the one the watcher uses
     * ({@link IgnoreGlob}), so a glob is compiled once.
     */
    static List<IgnoreGlob> globs(List<String> elements) {
        return ListSyntax.each(elements, "no glob", SettingParsers::glob);
    }

    private static IgnoreGlob glob(String text) {
        try {
            return IgnoreGlob.compile(text);
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
}
