package dev.catflap.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.OsString;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** systemd's escapes, as systemd.service(5) and systemd.unit(5) describe them, one rule per case. */
class SystemdQuotingTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "server.js|server.js",
        "--port=8080|--port=8080",
        "app:app|app:app",
        "/usr/bin/node|/usr/bin/node",
        "100%|\"100%%\"",
        "%h|\"%%h\"",
        "$HOME|\"$$HOME\"",
        "${HOME}|\"$${HOME}\"",
        "two words|\"two words\"",
        "say \"hi\"|\"say \\\"hi\\\"\"",
        "it's|\"it's\"",
        "back\\slash|\"back\\\\slash\"",
        ";|\\;",
        "a;b|\"a;b\"",
        "``|\"\"",
        "é|\"é\"",
    })
    void execWordReadsBackAsTheArgument(String word, String written) {
        assertEquals(written, SystemdQuoting.execWord(word));
    }

    /** A control character is refused, not C-escaped: the try-it line and the comment could not show it (README). */
    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "a\rb", "\u001b[31mred", "a\u0001b", "a\u007f"})
    void aControlCharacterInAWordOrAValueIsRefused(String text) {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.execWord(text));
        assertEquals("the argument " + text + " holds a control character, which catflap writes into no unit: the try-it line "
                + "and the units' comment could not show it as the service would get it", word.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.assignment("Z", text));
        assertTrue(value.getMessage().startsWith("its value holds a control character"), value.getMessage());
    }

    /**
     * An invisible character (a no-break space, a zero-width space, a BOM) is refused too: catflap's
     * lines show it escaped, so the try-it line would pass a backslash and letters once pasted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"a\u00a0b", "\u200bx", "\ufeffx", "a\u0085b"})
    void anInvisibleCharacterInAWordOrAValueIsRefused(String text) {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.execWord(text));
        assertTrue(word.getMessage().startsWith("the argument " + text + " holds "), word.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.assignment("Z", text));
        assertTrue(value.getMessage().contains(", which catflap writes into no unit"), value.getMessage());
    }

    @Test
    void aPrintableNonAsciiCharacterIsWrittenAsItIs() {
        assertEquals("\"Z=caf\u00e9 \u00fcber\"", SystemdQuoting.assignment("Z", "caf\u00e9 \u00fcber"));
    }

    @Test
    void execLineJoinsTheWordsWithSpaces() {
        assertEquals("/usr/bin/sh -c \"echo $$1\" x", SystemdQuoting.execLine(List.of("/usr/bin/sh", "-c", "echo $1", "x")));
    }

    @Test
    void theExecutablesPathKeepsItsDollarsButNotItsSpecifiers() {
        assertEquals("\"/srv/a$b 100%%/run\" \"$$b\"", SystemdQuoting.execLine(List.of("/srv/a$b 100%/run", "$b")));
        assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.executable("/srv/a$$b/run"));
        assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.executable("/srv/${b}/run"));
    }

    /** systemd-analyze verify: "Executable name contains special characters", and the unit does not start. */
    @Test
    void anExecutablePathWithAQuoteABackslashOrAControlCharacterIsRefused() {
        for (String path : List.of("/home/u/John's projects/server", "/srv/a\"b/run", "/srv/a\\b/run", "/srv/a\u0001b",
                "/srv/a\u007fb")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.executable(path),
                    path);
            assertTrue(e.getMessage().contains("systemd runs no executable whose path holds a quote, a backslash or a "
                    + "control character"), e.getMessage());
        }
        assertEquals("\"/srv/John's projects/run\"", SystemdQuoting.execWord("/srv/John's projects/run"),
                "an argument may hold one");
    }

    @Test
    void aWordThatIsNotUtf8CannotBeWritten() {
        String notUtf8 = OsString.decode(new byte[] {'a', (byte) 0xff});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.execWord(notUtf8));
        assertEquals("it holds bytes that are not UTF-8, which a unit file cannot", e.getMessage());
    }

    /** Environment= splits and unescapes as ExecStart= does, then expands specifiers, but no variables. */
    @Test
    void anAssignmentReadsBackAsTheVariable() {
        assertEquals("DEBUG=1", SystemdQuoting.assignment("DEBUG", "1"));
        assertEquals("EMPTY=", SystemdQuoting.assignment("EMPTY", ""));
        assertEquals("\"MSG=a \\\"b\\\" $HOME 50%% \\\\x\"", SystemdQuoting.assignment("MSG", "a \"b\" $HOME 50% \\x"));
        assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.assignment("B", OsString.decode(new byte[] {(byte) 0xff})));
    }

    @Test
    void aLineValueKeepsBlanksAndQuotesButDoublesPercent() {
        assertEquals("/srv/my app/100%%.sock", SystemdQuoting.lineValue("/srv/my app/100%.sock"));
        assertEquals("/srv/\"x\"$y", SystemdQuoting.lineValue("/srv/\"x\"$y"));
    }

    @Test
    void aLineValueSystemdWouldReadOtherwiseIsRefused() {
        assertEquals("it holds a control character, which a unit file cannot",
                assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.lineValue("/srv/a\nb")).getMessage());
        assertEquals("it has blanks at an end, which systemd strips",
                assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.lineValue("/srv/a ")).getMessage());
        assertEquals("it ends in a backslash, which continues a unit file's line",
                assertThrows(IllegalArgumentException.class, () -> SystemdQuoting.lineValue("/srv/a\\")).getMessage());
    }

    @Test
    void aCommentStaysOneLineOfUtf8() {
        assertEquals("# from /tmp/a?b/? and 100%", SystemdQuoting.comment("# from /tmp/a\nb/"
                + OsString.decode(new byte[] {(byte) 0xff}) + " and 100%"));
    }
}
