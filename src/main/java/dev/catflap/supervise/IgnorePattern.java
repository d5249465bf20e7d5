package dev.catflap.supervise;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of a .gitignore, .ignore or .git/info/exclude file, read as gitignore(5) says and as
 * git's wildmatch matches: {@code !} negates, a trailing {@code /} matches directories only, a
 * pattern with a {@code /} at its start or middle is anchored to the file's directory, one without
 * matches a name at any depth; {@code *}, {@code ?} and {@code [...]} never match a {@code /},
 * {@code **} between slashes matches any number of directories, {@code \} makes the next character
 * literal.
 *
 * <p>Text is matched byte by byte, as git does: patterns and paths are their UTF-8 bytes, each byte
 * a char ({@link #bytes}), so that {@code ?} is one byte and a class compares bytes.
 */
final class IgnorePattern {
    /** The character classes wildmatch knows, as Java writes them (ASCII only, as git's). */
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("blank", " \\t"), Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("digit", "0-9"), Map.entry("graph", "\\p{Graph}"),
            Map.entry("lower", "a-z"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", " \\t\\n\\r"),
            Map.entry("upper", "A-Z"), Map.entry("xdigit", "0-9A-Fa-f"));

    private final String text;
    /** Null where the pattern can match nothing (an unclosed {@code [}, a trailing {@code \}). */
    private final Pattern regex;
    private final boolean negated;
    private final boolean directoriesOnly;
    /** No slash: matched against the last name of the path, at any depth. */
    private final boolean nameOnly;

    private IgnorePattern(String text, Pattern regex, boolean negated, boolean directoriesOnly, boolean nameOnly) {
        this.text = text;
        this.regex = regex;
        this.negated = negated;
        this.directoriesOnly = directoriesOnly;
        this.nameOnly = nameOnly;
    }

    /**
     * The pattern of one line (its bytes as chars, without its newline); empty for a blank line or
     * a comment.
     */
    static Optional<IgnorePattern> parse(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1); // git reads CRLF files too
        }
        if (line.isEmpty() || line.charAt(0) == '#') {
            return Optional.empty();
        }
        String pattern = withoutTrailingSpaces(line);
        boolean negated = pattern.startsWith("!");
        if (negated) {
            pattern = pattern.substring(1);
        }
        boolean directoriesOnly = pattern.endsWith("/");
        if (directoriesOnly) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (pattern.isEmpty()) {
            return Optional.empty(); // matches no name
        }
        boolean nameOnly = pattern.indexOf('/') < 0;
        if (pattern.startsWith("/")) {
            pattern = pattern.substring(1);
        }
        String regex = nameOnly ? regex(pattern) : anchoredRegex(pattern);
        return Optional.of(new IgnorePattern(line, regex == null ? null : Pattern.compile(regex, Pattern.DOTALL),
                negated, directoriesOnly, nameOnly));
    }

    /** A path's UTF-8 bytes, one char each: how patterns and paths are compared. */
    static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether this pattern matches {@code path}, relative to the directory of the file it is in,
     * its names separated by {@code /} (as {@link #bytes}).
     */
    boolean matches(String path, boolean directory) {
        if (regex == null || directoriesOnly && !directory) {
            return false;
        }
        String subject = nameOnly ? path.substring(path.lastIndexOf('/') + 1) : path;
        return regex.matcher(subject).matches();
    }

    /** A {@code !} pattern: what it matches is not ignored after all. */
    boolean negated() {
        return negated;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Trailing spaces go, unless a backslash quotes one (git's trim_trailing_spaces). */
    private static String withoutTrailingSpaces(String line) {
        int lastSpace = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (lastSpace < 0) {
                    lastSpace = i;
                }
            } else {
                if (c == '\\') {
                    i++;
                    if (i == line.length()) {
                        return line;
                    }
                }
                lastSpace = -1;
            }
        }
        return lastSpace < 0 ? line : line.substring(0, lastSpace);
    }

    /**
     * The regex of a pattern with a slash. git compares the part before the first wildcard as
     * text, then matches the rest as a pattern of its own, where a {@code **} that starts the rest
     * counts as one after a slash: {@code a**}{@code /*b} matches {@code a.b}. Done the same way.
     */
    private static String anchoredRegex(String pattern) {
        int literal = 0;
        while (literal < pattern.length() && "*?[\\".indexOf(pattern.charAt(literal)) < 0) {
            literal++;
        }
        String rest = regex(pattern.substring(literal));
        if (rest == null) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        pattern.substring(0, literal).chars().forEach(c -> regex.append(literal((char) c)));
        return regex.append(rest).toString();
    }

    /** The Java regex of a wildmatch pattern; null where it can match nothing. */
    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '*') {
                int start = i;
                while (i < n && pattern.charAt(i) == '*') {
                    i++;
                }
                boolean afterSlash = start == 0 || pattern.charAt(start - 1) == '/';
                boolean beforeSlash = i == n || pattern.charAt(i) == '/';
                if (i - start >= 2 && afterSlash && beforeSlash) {
                    if (i == n) {
                        regex.append(".*"); // "/**" at the end: everything inside
                    } else {
                        regex.append("(?:.*/)?"); // "**/": any number of directories, none included
                        i++;
                    }
                } else {
                    regex.append("[^/]*"); // other runs of * are one *
                }
                continue;
            }
            if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = bracket(pattern, i, regex);
                if (end < 0) {
                    return null;
                }
                i = end;
            } else if (c == '\\') {
                if (++i == n) {
                    return null;
                }
                regex.append(literal(pattern.charAt(i)));
            } else {
                regex.append(literal(c));
            }
            i++;
        }
        return regex.toString();
    }

    /**
     * A bracket expression starting at {@code open}, as wildmatch reads it ({@code !} or {@code ^}
     * negates, a {@code ]} first is literal, ranges, {@code [:class:]}, {@code \} quotes), appended
     * as a class that never matches {@code /}; the index of its {@code ]}, or -1 where the pattern
     * can match nothing.
     */
    private static int bracket(String pattern, int open, StringBuilder regex) {
        int n = pattern.length();
        int p = open + 1;
        if (p >= n) {
            return -1;
        }
        boolean negated = pattern.charAt(p) == '!' || pattern.charAt(p) == '^';
        if (negated && ++p >= n) {
            return -1;
        }
        StringBuilder items = new StringBuilder();
        int previous = -1; // the last single character, which a '-' may start a range from
        while (true) {
            char c = pattern.charAt(p);
            if (c == '\\') {
                if (++p >= n) {
                    return -1;
                }
                c = pattern.charAt(p);
                items.append(literal(c));
                previous = c;
            } else if (c == '-' && previous >= 0 && p + 1 < n && pattern.charAt(p + 1) != ']') {
                char high = pattern.charAt(++p);
                if (high == '\\') {
                    if (++p >= n) {
                        return -1;
                    }
                    high = pattern.charAt(p);
                }
                if (previous <= high) {
                    items.append(literal((char) previous)).append('-').append(literal(high));
                }
                previous = -1;
            } else if (c == '[' && p + 1 < n && pattern.charAt(p + 1) == ':') {
                int close = pattern.indexOf(']', p + 2);
                if (close < 0) {
                    return -1;
                }
                if (close - (p + 2) < 1 || pattern.charAt(close - 1) != ':') {
                    items.append(literal('[')); // no ":]": a plain '['
                    previous = '[';
                } else {
                    String name = pattern.substring(p + 2, close - 1);
                    String members = CLASSES.get(name);
                    if (members == null) {
                        return -1; // wildmatch gives up on an unknown class
                    }
                    items.append(members);
                    previous = -1;
                    p = close;
                }
            } else {
                items.append(literal(c));
                previous = c;
            }
            if (++p >= n) {
                return -1; // no closing ']'
            }
            if (pattern.charAt(p) == ']') {
                break;
            }
        }
        if (items.isEmpty()) {
            regex.append(negated ? "[^/]" : "(?!)");
        } else if (negated) {
            regex.append("[^/").append(items).append(']');
        } else {
            regex.append("(?!/)[").append(items).append(']');
        }
        return p;
    }

    private static String literal(char c) {
        return "\\x{" + Integer.toHexString(c) + "}";
    }
}
