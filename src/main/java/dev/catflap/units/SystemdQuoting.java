package dev.catflap.units;

import dev.catflap.CatflapLine;
import dev.catflap.posix.OsString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a value is written into a unit file so that systemd reads back exactly that value. systemd
 * expands {@code %} specifiers in most values, and {@code $NAME} variables in ExecStart='s words
 * at each start; it splits ExecStart= into words at blanks, honouring double quotes and C escapes
 * inside them, and takes a lone {@code ;} as the end of one command. Other values run to the end
 * of the line, which a trailing backslash continues, and cannot hold a control character at all.
 */
public final class SystemdQuoting {
    /** Words that mean the same quoted or not: no blank, quote, backslash, specifier or variable. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");
    /** What systemd's string_is_safe() refuses in an executable's path, besides control characters. */
    private static final String UNSAFE_IN_EXECUTABLE = "'\"\\";

    private SystemdQuoting() {
    }

    /** {@code %} doubled: systemd would take {@code %h} in a path for the home directory. */
    public static String specifiers(String value) {
        return value.replace("%", "%%");
    }

    /**
     * The words of an ExecStart= line: the executable as {@link #executable} writes it, the
     * arguments as {@link #execWord} does.
     */
    public static String execLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        quoted.add(executable(words.get(0)));
        for (String word : words.subList(1, words.size())) {
            quoted.add(execWord(word));
        }
        return String.join(" ", quoted);
    }

    /**
     * ExecStart='s first word, the path systemd runs: quoted as an argument, but with {@code $}
     * as it is, since systemd expands variables in the arguments only ({@code $$} would stay two
     * in the path). argv[0], made of the same word, is expanded, where {@code $$} and {@code ${}
     * mean something else.
     *
     * <p>systemd refuses to run an executable whose path holds a quote, a backslash or a control
     * character, however it is escaped ("Executable name contains special characters", its
     * string_is_safe()), and then does not start the unit at all.
     *
     * @throws IllegalArgumentException for a path that is not UTF-8, that holds {@code $$} or
     *     {@code ${}, or a character systemd does not run
     */
    public static String executable(String path) {
        if (path.contains("$$") || path.contains("${")) {
            throw new IllegalArgumentException("its path holds '$$' or '${', which systemd would run as written but "
                    + "pass in argv[0] expanded");
        }
        for (char c : path.toCharArray()) {
            if (UNSAFE_IN_EXECUTABLE.indexOf(c) >= 0 || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("its path " + path + " holds " + named(c) + ", and systemd runs no "
                        + "executable whose path holds a quote, a backslash or a control character: move or link it "
                        + "where its path has none");
            }
        }
        return quoted(path, false);
    }

    private static String named(char c) {
        return c < 0x20 || c == 0x7f ? "a control character" : "'" + c + "'";
    }

    /**
     * One word of ExecStart=, read back as this exact argument: {@code %} and {@code $} doubled
     * (systemd's escapes for a literal one), a lone {@code ;} escaped so it does not end the
     * command, and anything with other than plain characters in double quotes, with C escapes for
     * quotes and backslashes.
     *
     * @throws IllegalArgumentException for a word that is not UTF-8, which a unit file cannot
     *     hold, or that holds a control character ({@link #noControl})
     */
    public static String execWord(String word) {
        if (word.equals(";")) {
            return "\\;";
        }
        noControl(word, "the argument " + word);
        return quoted(word, true);
    }

    /**
     * One assignment of an Environment= line, read back as this exact variable. systemd splits
     * the line into assignments as it splits ExecStart=, double quotes and C escapes honoured, then
     * expands specifiers ({@code %%} one {@code %}) but no variables: {@code $} stays as it is.
     *
     * @throws IllegalArgumentException for a value that is not UTF-8, which a unit file cannot
     *     hold, or that holds a control character ({@link #noControl})
     */
    public static String assignment(String name, String value) {
        noControl(value, "its value");
        return quoted(name + "=" + value, false);
    }

    /**
     * systemd would read a control character back from a C escape, but the units' other
     * texts could not give it: the try-it line, printed as catflap prints every line (control
     * and invisible characters escaped, so that none reaches the terminal unseen), would pass a
     * backslash and letters once pasted, and the comment shows {@code ?}. A unit that runs other
     * than what it says is refused instead, as WorkingDirectory= and the Listen lines refuse one.
     */
    private static void noControl(String text, String what) {
        text.codePoints().filter(CatflapLine::isShownEscaped).findFirst().ifPresent(c -> {
            String kind = c < 0x20 || (c >= 0x7f && c <= 0x9f) ? "a control character"
                    : String.format("an invisible character (U+%04X)", c);
            throw new IllegalArgumentException(what + " holds " + kind + ", which catflap writes into no unit: "
                    + "the try-it line and the units' comment could not show it as the service would get it");
        });
    }

    private static String quoted(String word, boolean variables) {
        notUtf8(word);
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : word.toCharArray()) {
            quoted.append(switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '%' -> "%%";
                case '$' -> variables ? "$$" : "$";
                default -> String.valueOf(c);
            });
        }
        return quoted.append('"').toString();
    }

    /**
     * A value that runs to the end of its line (a path, an address, a name), specifiers escaped.
     *
     * @throws IllegalArgumentException where systemd would read something else: a control
     *     character, blanks at either end (stripped), a trailing backslash (a continued line),
     *     bytes that are not UTF-8
     */
    public static String lineValue(String value) {
        notUtf8(value);
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("it holds a control character, which a unit file cannot");
            }
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("it has blanks at an end, which systemd strips");
        }
        if (value.endsWith("\\")) {
            throw new IllegalArgumentException("it ends in a backslash, which continues a unit file's line");
        }
        return specifiers(value);
    }

    /**
     * Text for a comment line: a control character, or a byte that is not UTF-8, shown as
     * {@code ?}, so that the comment stays one line of UTF-8 (systemd skips a file that is not).
     */
    public static String comment(String text) {
        StringBuilder line = new StringBuilder();
        for (char c : text.toCharArray()) {
            line.append(c < 0x20 || c == 0x7f || OsString.hasEscapes(String.valueOf(c)) ? '?' : c);
        }
        return line.toString();
    }

    private static void notUtf8(String value) {
        if (OsString.hasEscapes(value)) {
            throw new IllegalArgumentException("it holds bytes that are not UTF-8, which a unit file cannot");
        }
    }
}
