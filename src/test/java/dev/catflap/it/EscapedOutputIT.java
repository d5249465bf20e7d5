package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static dev.catflap.it.CoreIT.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Control characters in what catflap's lines quote (commands, values, file names) reach stderr
 * escaped, never raw: a terminal would act on them.
 */
class EscapedOutputIT {
    /** ESC [2K erases the line, CR returns to its start: together they hide what came before. */
    private static final String ERASE = "\u001b[2K\r";

    @TempDir
    Path temp;

    /**
     * Fails if {@code stderr} (its bytes as ISO-8859-1 characters, as {@link Catflap} reads them)
     * holds a C0 control other than the newlines that end catflap's lines, DEL, or a UTF-8 C1
     * control (bytes 0xC2 0x80-0x9F).
     */
    static void assertNoControlCharacters(String stderr) {
        for (int i = 0; i < stderr.length(); i++) {
            char c = stderr.charAt(i);
            boolean c1 = c == 0xc2 && i + 1 < stderr.length() && stderr.charAt(i + 1) >= 0x80 && stderr.charAt(i + 1) <= 0x9f;
            if ((c < 0x20 && c != '\n') || c == 0x7f || c1) {
                fail("control character 0x" + Integer.toHexString(c) + " at " + i + " in: " + stderr);
            }
        }
    }

    /** {@code text} as {@link Catflap} reads it from stderr: its UTF-8 bytes as ISO-8859-1 characters. */
    static String asRead(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** {@code script} run by sh with catflap as $0, so that its arguments can hold any bytes, whatever the tests' own encoding. */
    private Catflap.Result viaShell(String script) {
        // a UTF-8 locale, in which the JVM decodes arguments without loss
        Catflap catflap = Catflap.launcher().in(temp).env("LC_ALL", "C.UTF-8");
        return catflap.runDirectly(List.of("sh", "-c", script, catflap.commandLine(List.of()).get(0)));
    }

    @Test
    void showConfigPrintsWhatFilesSayEscaped() throws IOException {
        Files.writeString(temp.resolve(".catflap.properties"), "catflap.command=echo '\\u001b[2K' hi\n");
        Catflap.Result result = Catflap.launcher().in(temp).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.toString())
                .run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().contains("echo '\\e[2K' hi"), result.stdout());
        assertNoControlCharacters(result.stdout());
    }

    /** A BOM or zero-width space before a key, a no-break space after a value: shown, not passed raw to look right. */
    @Test
    void invisibleCharactersInAFileAreShownEscaped() throws IOException {
        Path file = temp.resolve(".catflap.properties");
        Files.writeString(file, "catflap.grace=1\n\ufeffcatflap.quiet=true\n\u200bcatflap.port=0\n", StandardCharsets.UTF_8);
        Catflap.Result keys = Catflap.launcher().in(temp).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.toString())
                .run("--", "true");
        assertEquals(0, keys.exit(), keys.stderr());
        assertTrue(keys.stderr().contains("[catflap] warning: " + file + ":2: \\ufeffcatflap.quiet=true: unknown setting"),
                keys.stderr());
        assertTrue(keys.stderr().contains("[catflap] warning: " + file + ":3: \\u200bcatflap.port=0: unknown setting"),
                keys.stderr());

        Files.writeString(file, "catflap.port=0\u00a0\n", StandardCharsets.UTF_8);
        Catflap.Result value = Catflap.launcher().in(temp).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.toString())
                .run("--", "true");
        assertEquals(2, value.exit(), value.stderr());
        assertEquals("[catflap] " + file + ":1: catflap.port=0\\u00a0: not a port number (0-65535); the value has blanks "
                + "around it\n", value.stderr());
    }

    @Test
    void anEightBitControlOutsideUtf8IsShownEscaped() {
        Catflap.Result result = viaShell("exec \"$0\" -q -p 0 -- \"$(printf '\\233')2Kcmd\"");
        assertEquals(127, result.exit(), result.stderr());
        assertEquals("[catflap] \\x9b2Kcmd: command not found\n", result.stderr());
    }

    @Test
    void commandFromAProjectFileIsAnnouncedEscaped() throws IOException {
        // the properties format turns \\u001b and \\r into the characters themselves
        Files.writeString(temp.resolve(".catflap.properties"), "catflap.port=0\ncatflap.command=touch 'made\\u001b[2K\\r'\n");
        Catflap.Result result = Catflap.launcher().in(temp).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.toString()).run();
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(temp.resolve("made" + ERASE)), "the command ran with its argument as written");
        assertTrue(result.stderr().startsWith("[catflap] command from " + temp.resolve(".catflap.properties")
                + ": touch 'made\\e[2K\\r'\n"), result.stderr());
        assertNoControlCharacters(result.stderr());
    }

    @Test
    void commandFromTheCommandLineIsQuotedEscaped() {
        Catflap.Result result = Catflap.launcher().in(temp).run("-p", "0", "--", "x" + ERASE + "\ny\u0001\u007f\tz");
        assertEquals(127, result.exit(), result.stderr());
        assertTrue(result.stderr().endsWith("[catflap] x\\e[2K\\r\\ny\\x01\\x7f\\tz: command not found\n"), result.stderr());
        assertNoControlCharacters(result.stderr());
    }

    @Test
    void utf8C1ControlsAreQuotedEscapedAndOtherTextAsItIs() {
        // \302\233 is U+009B, CSI: a UTF-8 terminal takes it as ESC [
        Catflap.Result result = viaShell("exec \"$0\" -p 0 -- \"$(printf 'x\\302\\2331mcaf\\303\\251')\"");
        assertEquals(127, result.exit(), result.stderr());
        assertTrue(result.stderr().endsWith(asRead("[catflap] x\\u009b1mcafé: command not found\n")), result.stderr());
        assertNoControlCharacters(result.stderr());
    }

    static Stream<Arguments> valuesWithControlCharacters() {
        return Stream.of(
                Arguments.of(List.of("-l", "\u001b[31m:80"), "-l/--listen \\e[31m:80: "),
                Arguments.of(List.of("--watch", "/etc/passwd/gone" + ERASE), "--watch /etc/passwd/gone\\e[2K\\r: /etc/passwd is not a directory"),
                Arguments.of(List.of("-p", "0", "-e", "A\rB\n"), "-e/--env A\\rB\\n: not a valid environment variable name"),
                Arguments.of(List.of("--bogus" + ERASE), "Unknown option: '--bogus\\e[2K\\r'"),
                Arguments.of(List.of("--config", "gone\u001b\n.properties"), "--config gone\\e\\n.properties: "));
    }

    @ParameterizedTest
    @MethodSource("valuesWithControlCharacters")
    void valuesAreQuotedEscaped(List<String> options, String message) {
        Catflap.Result result = CoreIT.refused(Catflap.launcher(), temp, options, message);
        assertNoControlCharacters(result.stderr());
    }

    /** Exec's messages are prepared before the sockets are placed: they are escaped too. */
    @Test
    void aFailingExecIsReportedEscaped() {
        Catflap.Result result = viaShell(badInterpreterScript() + "exec \"$0\" -p 0 -q ./\"$name\"");
        assertEquals(126, result.exit(), result.stderr());
        assertEquals("[catflap] ./run\\e[2K\\r\\u009b: bad interpreter " + temp.resolve("inner") + ": no such file or directory\n",
                result.stderr());
    }

    @Test
    void aFailingSpawnIsReportedEscaped() {
        Catflap.Result result = viaShell(badInterpreterScript() + "exec \"$0\" -p 0 -q --spawn ./\"$name\"");
        assertEquals(126, result.exit(), result.stderr());
        assertEquals("[catflap] ./run\\e[2K\\r\\u009b: bad interpreter " + temp.resolve("inner") + ": no such file or directory\n",
                result.stderr());
    }

    /**
     * A script named run ESC [2K CR CSI whose interpreter, inner, is there and executable but has a
     * missing interpreter of its own: catflap's checks pass, execve fails with ENOENT.
     */
    private String badInterpreterScript() {
        return "printf '#!/nonexistent/sh\\n' > inner && chmod +x inner && "
                + "name=$(printf 'run\\033[2K\\r\\302\\233') && printf '#!%s/inner\\n' \"$PWD\" > \"$name\" && chmod +x \"$name\" && ";
    }

    @Test
    void aChangedFileIsNamedEscaped() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", src.toString()), Catflap.probe("serve-forever")))) {
            int port = catflap.awaitPort();
            request("127.0.0.1", port); // the server runs: the watching has begun
            Files.writeString(src.resolve("new" + ERASE + "\n"), "x", StandardCharsets.UTF_8);
            String stderr = catflap.awaitStderr("[catflap] restarting: " + src + "/new\\e[2K\\r\\n changed\n");
            assertNoControlCharacters(stderr);
        }
    }
}
