package dev.catflap.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a list value is written in files and variables: elements separated by commas, quoted as
 * the words of a command are ({@link ShellWords}); and how an error about one element of several
 * names it. A repeated option is no text: its values are the elements as typed, and reach the
 * parser so ({@link Setting.ListParser}). Text is written from elements only to be shown
 * ({@link #text}), never to be split again.
 */
public final class ListSyntax {
    /** What separates a list's elements. */
    static final char SEPARATOR = ',';
    /** What {@link #text} escapes with a backslash so that {@link #elements} would give it back. */
    private static final String SYNTAX = "\\,'\"";
    /** What starts a comment where a word starts ({@link ShellWords}): escaped there alone, {@code a#b} needs none. */
    private static final char COMMENT = '#';
    /** The blanks around an element, which are the list's and dropped ({@link ShellWords#elements}). */
    private static final String BLANKS = " \t";

    private ListSyntax() {
    }

    /** Each element parsed; no elements at all is an error saying {@code whenEmpty}. */
    static <T> List<T> each(List<String> elements, String whenEmpty, Function<String, T> parser) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException(whenEmpty);
        }
        List<T> parsed = new ArrayList<>();
        for (String element : elements) {
            parsed.add(quotingElement(elements, element, parser));
        }
        return List.copyOf(parsed);
    }

    /** Parses one element of a list; where there are several, the error quotes the bad one. */
    static <T> T quotingElement(List<String> elements, String element, Function<String, T> parser) {
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
     * Empty elements are left out: where lists combine they clear those before them, and a file's
     * or variable's after its start is refused before this ({@code ListValue}).
     *
     * @throws IllegalArgumentException for an unfinished quote or an unquoted word starting with {@code #}
     */
    public static List<String> elements(String text) {
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

    /**
     * {@link #writtenElements} of {@code setting}'s value in a file or variable: the values of
     * {@code setenv} are refused an unquoted {@code $} or {@code `}, which a shell would have
     * expanded ({@link ShellWords#valueElements}). An option's values come expanded by the shell.
     */
    static List<String> writtenElements(Setting<?> setting, String text) {
        return setting == Setting.SETENV ? ShellWords.valueElements(text) : ShellWords.elements(text);
    }

    /**
     * {@code elements} written as one list value, as a file would write them, for
     * {@code --show-config} and messages; {@link #elements} would give them back. The one place a
     * list's syntax is escaped: a comma, quote or backslash in an element, a {@code #} where a word
     * starts, and blanks at its ends (--watch 'notes ' is the path "notes ", and --watch ' ' no empty
     * element that clears); nothing where nothing needs it ({@code a#b} is shown as written).
     */
    public static String text(List<String> elements) {
        List<String> escaped = new ArrayList<>();
        for (String element : elements) {
            StringBuilder text = new StringBuilder();
            int first = 0;
            int last = element.length() - 1;
            while (first <= last && isBlank(element.charAt(first))) {
                first++;
            }
            while (last >= first && isBlank(element.charAt(last))) {
                last--;
            }
            for (int i = 0; i < element.length(); i++) {
                char c = element.charAt(i);
                boolean outer = (i < first || i > last) && isBlank(c);
                boolean comment = c == COMMENT && (i == 0 || isBlank(element.charAt(i - 1)));
                text.append(outer || comment || SYNTAX.indexOf(c) >= 0 ? "\\" : "").append(c);
            }
            escaped.add(text.toString());
        }
        return String.join(String.valueOf(SEPARATOR), escaped);
    }

    private static boolean isBlank(char c) {
        return BLANKS.indexOf(c) >= 0;
    }
}
