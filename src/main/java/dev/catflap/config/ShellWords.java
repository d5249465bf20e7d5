package dev.catflap.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command written as one line, as in {@code catflap.command=npm run dev}, split into words the
 * way a shell splits them: spaces and tabs separate words, single quotes keep everything literal,
 * double quotes keep everything but {@code \" \\ \$ \`} (an unescaped {@code $} or backquote in them, which a
 * shell would expand there too, is refused where it is unquoted), and a backslash outside quotes keeps the
 * next character. Nothing is expanded and no shell runs the result, so the characters a shell
 * would act on ({@code | & ; < > ( ) $ `} and a newline, which ends a command as {@code ;} does)
 * are refused unquoted: passed on literally, they would silently mean something else than the
 * author expected. So are the ones a shell expands into other words: the glob characters
 * {@code * ? [} and a {@code ~} that starts a word ({@code src/*.py}, {@code ~/bin/tool} would
 * reach the command as written, naming no file). Quoted, each is passed on as it is.
 *
 * <p>An unquoted word starting with {@code #} is refused too. To a shell it starts a comment; in a
 * properties file a comment is a line of its own, so {@code python3 app.py # dev server} would pass
 * {@code #}, {@code dev} and {@code server} to the command. Taking it as a comment instead would
 * cut a value short without a word wherever a {@code #} was meant ({@code #*#}, Emacs' autosave
 * files, in a list of globs); refused, it is either moved to a line of its own or quoted.
 *
 * <p>The elements of a list value ({@link #elements}) are read by the same rules, commas
 * separating them instead of blanks, so that quoting means the same in a list as in a command.
 *
 * @param text the line as written
 * @param words the words, at least one
 */
public record ShellWords(String text, List<String> words) {
    private static final String SHELL_SYNTAX = "|&;<>()$`\n";
    /** What a shell splits words at (its default IFS less the newline, which is syntax). */
    private static final String BLANKS = " \t";
    private static final String NO_SHELL_HINT = " is shell syntax and catflap runs no shell"
            + " (quote it to pass it on, or run the command with sh -c '...')";
    private static final String ESCAPABLE_IN_DOUBLE_QUOTES = "\"\\$`";
    /** The refusal of a {@code #} word, before the hint, which depends on where the value was written ({@link Origin#commentHint}). */
    static final String COMMENT_START = "'#' starts no comment inside a value";
    /** A file's hint: a file is where a comment can go on a line of its own. */
    static final String FILE_COMMENT_HINT = "put the comment on a line of its own";
    static final String COMMENT_HINT = COMMENT_START + "; " + FILE_COMMENT_HINT;
    private static final String COMMENT_WORD = COMMENT_HINT + ", or quote it to pass it";
    /** What separates a list's elements ({@link ListSyntax}, which also writes them). */
    private static final char ELEMENT_SEPARATOR = ListSyntax.SEPARATOR;
    /** What a shell expands a word with these into: the file names the glob matches. */
    private static final String GLOB = "*?[";
    private static final String NO_GLOB_HINT = " is a glob, which a shell would expand to file names, and catflap runs"
            + " no shell (quote it to pass it literally, or run the command with sh -c '...')";
    private static final String NO_TILDE_HINT = "'~' starting a word is a home directory to a shell, and catflap runs no"
            + " shell (write the path, quote it to pass it literally, or run the command with sh -c '...')";

    /**
     * An unquoted character that a backslash would have passed on: which one, for a hint on how
     * to write the backslash where the text came from (a properties file eats a single one).
     */
    static final class Unquoted extends IllegalArgumentException {
        private final char character;

        Unquoted(char character, String message) {
            super(message);
            this.character = character;
        }

        /**
         * The message, for a value written in {@code origin}: a properties file eats a single
         * backslash ({@code \*} reads as {@code *}), so there it says how to write one.
         */
        String messageFrom(Origin origin) {
            return getMessage() + (origin.kind().isFile() ? "; in a properties file a backslash must be doubled to "
                    + "reach catflap (\\\\" + character + ")" : "");
        }
    }

    /** What a shell expands in a variable's value: a variable ({@code $PATH}) or a command's output. */
    private static final String EXPANSION = "$`";
    private static final String NO_EXPANSION_HINT = " would be expanded by a shell, and catflap expands nothing in a"
            + " value (write the value itself, or single-quote it to pass it literally)";

    private static final String NO_EXPANSION_IN_DOUBLE_QUOTES_HINT = " would be expanded by a shell, and catflap expands"
            + " nothing (write the value itself, or single-quote it or escape it, \\" + "$, to pass it literally)";

    public ShellWords {
        words = List.copyOf(words);
    }

    /**
     * The words of {@code text}.
     *
     * @throws IllegalArgumentException for an unfinished quote or escape, shell syntax, or no words
     */
    public static ShellWords parse(String text) {
        return new ShellWords(text, new Splitter(text, false, false).words());
    }

    /**
     * The elements of a list value, e.g. {@code "*.pyc", '*.tmp'} or {@code src,lib}: commas
     * separate them, the blanks around each are the list's and not the element's, and quotes and
     * backslashes work as in a command ({@code "a,b"} and {@code a\,b} are one element). Blanks
     * inside an unquoted element stay part of it ({@code My Documents}), and shell syntax is no
     * error: the element is no command. An empty text is one empty element, as is nothing between
     * two commas, or {@code ''}; it is for the caller to say what an empty element means.
     *
     * @throws IllegalArgumentException for an unfinished quote or escape, or an unquoted word starting with {@code #}
     */
    public static List<String> elements(String text) {
        return new Splitter(text, true, false).words();
    }

    /**
     * {@link #elements}, of a list whose elements are values that a shell would expand
     * ({@code PATH=$PATH:/opt/bin}): an unquoted {@code $} or {@code `} is refused too, as in a
     * command, instead of reaching the command literally.
     */
    static List<String> valueElements(String text) {
        return new Splitter(text, true, true).words();
    }

    /** {@code words} written so that {@link #parse} gives them back, e.g. {@code sh -c 'echo hi'}. */
    public static String quote(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    /**
     * The refusal of an unquoted word starting with {@code #}, with the text as it would pass the
     * word on, quoted: the hint a message gives depends on where the text was written, which only
     * the caller knows (a file has lines for comments; a variable or an option has none).
     */
    static final class CommentWord extends IllegalArgumentException {
        private final String quoted;

        CommentWord(String text, int start, boolean list) {
            super(COMMENT_WORD);
            String ends = list ? String.valueOf(ELEMENT_SEPARATOR) : BLANKS;
            int end = start;
            while (end < text.length() && ends.indexOf(text.charAt(end)) < 0) {
                end++;
            }
            String word = text.substring(start, end).strip();
            end = start + word.length();
            // a word with quotes or escapes of its own is not quoted again here: the hint then shows no example
            quoted = word.matches("[^'\"\\\\]*") ? text.substring(0, start) + "'" + word + "'" + text.substring(end) : null;
        }

        /** The whole text with the {@code #} word single-quoted, as it would be passed on; none where that is not simple. */
        Optional<String> quoted() {
            return Optional.ofNullable(quoted);
        }
    }

    /** One pass over the text; {@code word} is null between words. */
    private static final class Splitter {
        private final String text;
        /** Splitting a list: commas end a word (an element), blanks inside one are kept. */
        private final boolean list;
        /** Splitting a list of values: what a shell would expand in them is refused unquoted. */
        private final boolean values;
        private final List<String> words = new ArrayList<>();
        private StringBuilder word;
        /** In a list, the unquoted blanks since the element's last character: kept only if more of it follows. */
        private final StringBuilder blanks = new StringBuilder();
        private int i;

        Splitter(String text, boolean list, boolean values) {
            this.text = text;
            this.list = list;
            this.values = values;
        }

        List<String> words() {
            if (!list && text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a NUL character, which no word of a command can hold");
            }
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (list && c == ELEMENT_SEPARATOR) {
                    endElement();
                } else if (BLANKS.indexOf(c) >= 0) {
                    blank(c);
                } else if (c == '\'') {
                    singleQuoted();
                } else if (c == '"') {
                    doubleQuoted();
                } else if (c == '\\') {
                    escaped();
                } else if (c == '#' && atWordStart()) {
                    throw new CommentWord(text, i - 1, list);
                } else if (!list && c == '\n') {
                    throw new IllegalArgumentException("a newline" + NO_SHELL_HINT);
                } else if (!list && SHELL_SYNTAX.indexOf(c) >= 0) {
                    throw new Unquoted(c, "'" + c + "'" + NO_SHELL_HINT);
                } else if (list && values && EXPANSION.indexOf(c) >= 0) {
                    throw new Unquoted(c, "'" + c + "'" + NO_EXPANSION_HINT);
                } else if (!list && GLOB.indexOf(c) >= 0) { // a list's globs are catflap's own (--ignore)
                    throw new Unquoted(c, "'" + c + "'" + NO_GLOB_HINT);
                } else if (!list && c == '~' && atWordStart()) {
                    throw new Unquoted(c, NO_TILDE_HINT);
                } else {
                    current().append(c);
                }
            }
            if (list) {
                endElement();
                return words;
            }
            endWord();
            if (words.isEmpty()) {
                throw new IllegalArgumentException("no command in it");
            }
            return words;
        }

        /** A blank ends a command's word; in a list it is held until the element goes on, or dropped at its end. */
        private void blank(char c) {
            if (!list) {
                endWord();
            } else if (word != null) {
                blanks.append(c);
            }
        }

        /** Whether an unquoted character would start a word: a shell's comment could start here. */
        private boolean atWordStart() {
            return word == null || !blanks.isEmpty();
        }

        /** An element ends at a comma or the text's end, even an empty one: "" is one element, "a," two. */
        private void endElement() {
            words.add(word == null ? "" : word.toString());
            word = null;
            blanks.setLength(0);
        }

        private void singleQuoted() {
            int end = text.indexOf('\'', i);
            if (end < 0) {
                throw new IllegalArgumentException("a ' quote is not closed");
            }
            current().append(text, i, end);
            i = end + 1;
        }

        private void doubleQuoted() {
            StringBuilder into = current();
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '"') {
                    return;
                }
                if (c == '\\' && i < text.length() && text.charAt(i) == '\n') {
                    i++; // a line continued, as in a shell: neither the backslash nor the newline is kept
                    continue;
                }
                if (c == '\\' && i < text.length() && ESCAPABLE_IN_DOUBLE_QUOTES.indexOf(text.charAt(i)) >= 0) {
                    c = text.charAt(i++);
                } else if (EXPANSION.indexOf(c) >= 0 && (!list || values)) {
                    // a shell expands $VAR and `cmd` inside double quotes too: "$PATH:/opt/bin" is a misread
                    throw new Unquoted(c, "'" + c + "' inside double quotes" + NO_EXPANSION_IN_DOUBLE_QUOTES_HINT);
                }
                into.append(c);
            }
            throw new IllegalArgumentException("a \" quote is not closed");
        }

        private void escaped() {
            if (i == text.length()) {
                throw new IllegalArgumentException("it ends with a \\ that escapes nothing");
            }
            char next = text.charAt(i++);
            if (next != '\n') { // a line continued, as in a shell: neither the backslash nor the newline is kept
                current().append(next);
            }
        }

        /** The word being built, started by the first character or quote that belongs to it. */
        private StringBuilder current() {
            if (word == null) {
                word = new StringBuilder();
            }
            word.append(blanks);
            blanks.setLength(0);
            return word;
        }

        private void endWord() {
            if (word != null) {
                words.add(word.toString());
                word = null;
            }
        }
    }
}
