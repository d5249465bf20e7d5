package dev.catflap.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A command written as one line, as in {@code catflap.command=npm run dev}, split into words the
 * way a shell splits them: spaces and tabs separate words, single quotes keep everything literal,
 * double quotes keep everything but {@code \" \\ \$ \`}, and a backslash outside quotes keeps the
 * next character. Nothing is expanded and no shell runs the result, so the characters a shell
 * would act on ({@code | & ; < > ( ) $ `} and a newline, which ends a command as {@code ;} does)
 * are refused unquoted: passed on literally, they would silently mean something else than the
 * author expected. So are the ones a shell expands into other words: the glob characters
 * {@code * ? [} and a {@code ~} that starts a word ({@code src/*.py}, {@code ~/bin/tool} would
 * reach the command as written, naming no file). Quoted, each is passed on as it is.
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
    /** What a shell expands a word with these into: the file names the glob matches. */
    private static final String GLOB = "*?[";
    private static final String NO_GLOB_HINT = " is a glob, which a shell would expand to file names, and catflap runs"
            + " no shell (quote it to pass it literally, or run the command with sh -c '...')";
    private static final String NO_TILDE_HINT = "'~' starting a word is a home directory to a shell, and catflap runs no"
            + " shell (write the path, quote it to pass it literally, or run the command with sh -c '...')";

    public ShellWords {
        words = List.copyOf(words);
    }

    /**
     * The words of {@code text}.
     *
     * @throws IllegalArgumentException for an unfinished quote or escape, shell syntax, or no words
     */
    public static ShellWords parse(String text) {
        return new ShellWords(text, new Splitter(text).words());
    }

    /** {@code words} written so that {@link #parse} gives them back, e.g. {@code sh -c 'echo hi'}. */
    public static String quote(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    /** One pass over the text; {@code word} is null between words. */
    private static final class Splitter {
        private final String text;
        private final List<String> words = new ArrayList<>();
        private StringBuilder word;
        private int i;

        Splitter(String text) {
            this.text = text;
        }

        List<String> words() {
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a NUL character, which no word of a command can hold");
            }
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (BLANKS.indexOf(c) >= 0) {
                    endWord();
                } else if (c == '\'') {
                    singleQuoted();
                } else if (c == '"') {
                    doubleQuoted();
                } else if (c == '\\') {
                    escaped();
                } else if (SHELL_SYNTAX.indexOf(c) >= 0) {
                    throw new IllegalArgumentException((c == '\n' ? "a newline" : "'" + c + "'") + NO_SHELL_HINT);
                } else if (GLOB.indexOf(c) >= 0) {
                    throw new IllegalArgumentException("'" + c + "'" + NO_GLOB_HINT);
                } else if (c == '~' && word == null) {
                    throw new IllegalArgumentException(NO_TILDE_HINT);
                } else {
                    current().append(c);
                }
            }
            endWord();
            if (words.isEmpty()) {
                throw new IllegalArgumentException("no command in it");
            }
            return words;
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
