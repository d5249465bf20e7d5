package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void spacesAndTabsSeparateWordsAsInAShell() {
        assertEquals(List.of("a", "b", "c"), ShellWords.parse(" a\tb  c\t").words());
        // other control characters are not blanks to a shell: part of the word, as there
        assertEquals(List.of("a\rb"), ShellWords.parse("a\rb").words());
    }
}
