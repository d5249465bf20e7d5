package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void aNewlineIsRefusedLikeASemicolon() {
        String semicolon = assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("echo a; echo b")).getMessage();
        String newline = assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("echo a\necho b")).getMessage();
        assertEquals(semicolon.replace("';'", "a newline"), newline);
    }

    @Test
    void aQuotedNewlineIsPartOfTheWord() {
        assertEquals(List.of("sh", "-c", "echo a\necho b"), ShellWords.parse("sh -c 'echo a\necho b'").words());
        assertEquals(List.of("printf", "a\nb"), ShellWords.parse("printf \"a\nb\"").words());
    }

    @Test
    void aBackslashBeforeANewlineContinuesTheLineAsInAShell() {
        assertEquals(List.of("aid"), ShellWords.parse("a\\\nid").words());
        assertEquals(List.of("echo", "b"), ShellWords.parse("echo \\\nb").words());
        assertEquals(List.of("aid"), ShellWords.parse("\"a\\\nid\"").words());
        assertEquals(List.of("a\\\nid"), ShellWords.parse("'a\\\nid'").words(), "single quotes keep both");
    }

    @Test
    void aNulIsRefusedWhereverItIs() {
        for (String text : List.of("echo a\u0000id", "echo 'a\u0000id'")) {
            assertEquals("a NUL character, which no word of a command can hold",
                    assertThrows(IllegalArgumentException.class, () -> ShellWords.parse(text)).getMessage());
        }
    }

    @Test
    void spacesAndTabsSeparateWordsAsInAShell() {
        assertEquals(List.of("a", "b", "c"), ShellWords.parse(" a\tb  c\t").words());
        // other control characters are not blanks to a shell: part of the word, as there
        assertEquals(List.of("a\rb"), ShellWords.parse("a\rb").words());
    }

    @Test
    void quotesAsAShellDoes() {
        assertEquals(List.of("a b", "c\"d", "$x", "e'f"), ShellWords.parse("'a b' \"c\\\"d\" '$x' e\\'f").words());
        assertEquals(List.of("", "x"), ShellWords.parse("'' x").words(), "an empty quoted word is a word");
        assertEquals(List.of("a\\b"), ShellWords.parse("\"a\\b\"").words(), "in double quotes \\ escapes only \"\\$`");
    }

    @Test
    void unclosedQuotesAndShellSyntaxAreRefused() {
        assertEquals("a ' quote is not closed", assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("echo 'a")).getMessage());
        assertEquals("a \" quote is not closed", assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("echo \"a")).getMessage());
        assertEquals("it ends with a \\ that escapes nothing", assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("echo \\")).getMessage());
        for (String syntax : List.of("a | b", "a && b", "a > f", "$(x)", "`x`")) {
            assertThrows(IllegalArgumentException.class, () -> ShellWords.parse(syntax), syntax);
        }
    }

    /** A shell expands $VAR and `cmd` inside double quotes too: refused there, as unquoted; single-quoted or escaped they pass. */
    @Test
    void anExpansionInsideDoubleQuotesIsRefusedInACommandAndAValue() {
        for (String command : List.of("echo \"$HOME\"", "echo \"`id`\"", "echo \"a $b\"")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> ShellWords.parse(command), command).getMessage()
                    .contains("inside double quotes would be expanded by a shell"), command);
        }
        assertThrows(IllegalArgumentException.class, () -> ShellWords.valueElements("PATH=\"$PATH:/opt/bin\""));
        assertEquals(List.of("echo", "$HOME", "$HOME"), ShellWords.parse("echo \"\\$HOME\" '$HOME'").words());
        assertEquals(List.of("X=$5"), ShellWords.valueElements("X=\"\\$5\""));
        assertEquals(List.of("\"$HOME\"*"), ShellWords.elements("'\"$HOME\"*'"), "a glob list's quotes as before");
    }

    @Test
    void quoteGivesWordsThatParseBack() {
        List<String> words = List.of("sh", "-c", "echo it's $HOME", "", "a\\b", "x=1,2");
        assertEquals("sh -c 'echo it'\\''s $HOME' '' 'a\\b' x=1,2", ShellWords.quote(words));
        assertEquals(words, ShellWords.parse(ShellWords.quote(words)).words());
    }

    @Test
    void anUnquotedWordStartingWithAHashIsRefused() {
        for (String text : List.of("python3 argv.py # dev server", "python3 argv.py #dev", "#x", "a\t#")) {
            assertEquals("'#' starts no comment inside a value; put the comment on a line of its own, or quote it to pass it",
                    assertThrows(IllegalArgumentException.class, () -> ShellWords.parse(text)).getMessage(), text);
        }
        assertEquals(List.of("echo", "#", "a#b", "#c", "#d", "x#"), ShellWords.parse("echo '#' a#b \\#c \"#d\" x#").words());
    }

    @Test
    void listElementsAreSplitAtCommasAndQuotedAsWords() {
        assertEquals(List.of("*.pyc", "*.tmp"), ShellWords.elements("\"*.pyc\", '*.tmp'"));
        assertEquals(List.of("a,b", "c,d", "e"), ShellWords.elements("'a,b', c\\,d ,e"));
        assertEquals(List.of("My Documents", " padded ", "it's"), ShellWords.elements(" My Documents ,' padded ',\"it's\""));
        assertEquals(List.of("*.{js,ts}", "$HOME|x"), ShellWords.elements("\"*.{js,ts}\",$HOME|x"), "no shell syntax in a list");
    }

    /** An option's element keeps the blanks at its ends: --watch ' ' is no empty element, which would clear the team's. */
    @Test
    void blanksAtAnElementsEndsSurviveBeingWrittenAsAList() {
        List<String> elements = List.of(" ", "notes ", "\tlead", "in side", "");
        assertEquals(elements, ShellWords.elements(ListSyntax.text(elements)));
        assertEquals("in side", ListSyntax.text(List.of("in side")), "blanks inside need no escape");
    }

    @Test
    void emptyElementsAreElements() {
        assertEquals(List.of(""), ShellWords.elements(""));
        assertEquals(List.of("", "lib"), ShellWords.elements(",lib"));
        assertEquals(List.of("a", "", "b", ""), ShellWords.elements("a, ,b,''"));
    }

    @Test
    void aListElementStartingWithAHashIsRefusedUnlessQuoted() {
        for (String text : List.of("*.pyc # compiled", "#*#", "src, #lib", "a,b #")) {
            assertEquals("'#' starts no comment inside a value; put the comment on a line of its own, or quote it to pass it",
                    assertThrows(IllegalArgumentException.class, () -> ShellWords.elements(text)).getMessage(), text);
        }
        assertEquals(List.of("#*#", "a#b", ".#*"), ShellWords.elements("'#*#', a#b, .#*"));
        assertEquals("a ' quote is not closed", assertThrows(IllegalArgumentException.class, () -> ShellWords.elements("'a,b")).getMessage());
    }

    @Test
    void aListWrittenAgainGivesItsElementsBack() {
        List<String> elements = List.of("plain", "a,b", "it's", "say \"hi\"", "back\\slash", "#*#", "a #b", "", "new\nline");
        String text = ListSyntax.text(elements);
        assertEquals(elements, ShellWords.elements(text));
        assertEquals("src,lib", ListSyntax.text(List.of("src", "lib")), "nothing escaped that needs none");
        assertEquals("a#b,\\#c,x \\#y,z#", ListSyntax.text(List.of("a#b", "#c", "x #y", "z#")),
                "a '#' escaped only where a word starts, where it would start a comment");
        assertEquals("", ListSyntax.text(List.of("")), "an empty option stays empty: it unsets");
    }

    /** A shell would expand them into file names (or a home directory): catflap, which runs none, refuses them unquoted. */
    @Test
    void globCharactersAndALeadingTildeAreRefusedUnquoted() {
        for (String text : List.of("ls *.py", "ls src/*", "ls a?c", "ls [ab]", "ls x[", "~/bin/tool", "ls ~", "ls ~root/x",
                "a\t~/x")) {
            assertThrows(IllegalArgumentException.class, () -> ShellWords.parse(text), text);
        }
        assertEquals("'?' is a glob, which a shell would expand to file names, and catflap runs no shell (quote it to "
                + "pass it literally, or run the command with sh -c '...')",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.parse("ls a?c")).getMessage());
    }

    @Test
    void quotedOrEscapedTheyAreWordsAsWritten() {
        assertEquals(List.of("ls", "*.py", "a?c", "[ab]", "~/x", "~", "*", "~x"),
                ShellWords.parse("ls '*.py' \"a?c\" \\[ab] '~'/x \\~ \"*\" ''~x").words());
        assertEquals(List.of("a~b", "--home=~"), ShellWords.parse("a~b --home=~").words(), "only a leading ~ is refused");
    }

    @Test
    void quoteGivesGlobsAndTildesBackQuoted() {
        List<String> words = List.of("ls", "*.py", "~/x", "a[1]");
        assertEquals(words, ShellWords.parse(ShellWords.quote(words)).words());
    }
}
