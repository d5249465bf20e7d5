package dev.catflap.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How a list value is written, in files, variables and a repeated option's joined values:
 * elements separated by commas, quoted as the words of a command are ({@link ShellWords}); and
 * how an error about one element of several names it.
 */
public final class ListSyntax {
    private ListSyntax() {
    }

    /** Each element of a list value parsed; an empty list is an error saying {@code whenEmpty}. */
    static <T> List<T> each(String text, String whenEmpty, Function<String, T> parser) {
        List<String> elements = elements(text);
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

    /** {@code elements} written as one list value, as a repeated option gives them; {@link #elements} gives them back. */
    public static String text(List<String> elements) {
        return ShellWords.listText(elements);
    }
}
