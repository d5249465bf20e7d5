package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How values are read, whatever their source: numbers in ASCII digits and in range, nothing
 * around them (blanks included), blanks around list elements the list's own, a configured command refusing what a shell would act on,
 * and errors quoting values as the user wrote them.
 */
class ValueRulesIT {
    private static final String NOT_A_PORT = "not a port number (0-65535)";
    private static final String NOT_A_BACKLOG = "not a backlog (a whole number from 1 to 2147483647)";
    private static final String NOT_SECONDS = "not a number of seconds (0 to 3600, e.g. 5 or 0.5)";
    private static final String NO_SHELL = " is shell syntax and catflap runs no shell"
            + " (quote it to pass it on, or run the command with sh -c '...')";

    @TempDir
    Path temp;

    /** In a UTF-8 locale, in which the JVM decodes arguments without loss. */
    private Catflap catflap() {
        return Catflap.launcher().in(temp).env("LC_ALL", "C.UTF-8").env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.toString());
    }

    /**
     * catflap run by sh with {@code words}, shell words such as {@code "$(printf '\\331')"} that give
     * the bytes of other scripts whatever the tests' own encoding, then a command that would leave
     * a file behind.
     */
    private Catflap.Result viaShell(String words) {
        Catflap catflap = catflap();
        return catflap.runDirectly(List.of("sh", "-c", "exec \"$0\" " + words + " touch ran", catflap.commandLine(List.of()).get(0)));
    }

    private void assertRefused(Catflap.Result result, String message) {
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith(EscapedOutputIT.asRead("[catflap] " + message)), result.stderr());
        assertFalse(Files.exists(temp.resolve("ran")), "the command must not run");
    }

    @Test
    void portsAndBacklogsInOtherScriptsDigitsAreRefused() {
        // ٨٠ (Arabic-Indic 80) and ３ (fullwidth 3)
        String eighty = "\"$(printf '\\331\\250\\331\\240')\"";
        assertRefused(viaShell("-p " + eighty), "-p/--port ٨٠: " + NOT_A_PORT);
        assertRefused(viaShell("-l 127.0.0.1:" + eighty), "-l/--listen 127.0.0.1:٨٠: " + NOT_A_PORT);
        assertRefused(viaShell("-p 0 --backlog \"$(printf '\\357\\274\\223')\""), "--backlog ３: " + NOT_A_BACKLOG);
        Catflap catflap = catflap();
        assertRefused(catflap.runDirectly(List.of("sh", "-c", "CATFLAP_PORT=" + eighty + " exec \"$0\" touch ran",
                catflap.commandLine(List.of()).get(0))), "CATFLAP_PORT=٨٠: " + NOT_A_PORT);
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                Arguments.of(List.of("-p", "+80"), "-p/--port +80: " + NOT_A_PORT),
                Arguments.of(List.of("-p", "65536"), "-p/--port 65536: " + NOT_A_PORT),
                Arguments.of(List.of("-p", "80\n"), "-p/--port 80\\n: " + NOT_A_PORT),
                Arguments.of(List.of("-p", "0", "--backlog", "+3"), "--backlog +3: " + NOT_A_BACKLOG),
                Arguments.of(List.of("-p", "0", "--backlog", "0"), "--backlog 0: " + NOT_A_BACKLOG),
                Arguments.of(List.of("-p", "0", "--backlog", "2147483648"), "--backlog 2147483648: " + NOT_A_BACKLOG),
                Arguments.of(List.of("-p", "0", "--watch", ".", "--grace", "1e9"), "--grace 1e9: " + NOT_SECONDS),
                Arguments.of(List.of("-p", "0", "--watch", ".", "--grace", "99999999999"), "--grace 99999999999: " + NOT_SECONDS),
                Arguments.of(List.of("-p", "0", "--watch", ".", "--grace", "3600.5"), "--grace 3600.5: " + NOT_SECONDS),
                Arguments.of(List.of("-p", "0", "--watch", ".", "--grace", ".5"), "--grace .5: " + NOT_SECONDS));
    }

    @ParameterizedTest
    @MethodSource("badNumbers")
    void numbersAreAsciiDigitsInRange(List<String> options, String message) {
        CoreIT.refused(catflap(), temp, options, message);
    }

    @Test
    void blanksAroundANumberAreRefusedInEverySourceAndSaidSo() throws IOException {
        String blanks = "; the value has blanks around it";
        CoreIT.refused(catflap(), temp, List.of("-p", " 80"), "-p/--port  80: " + NOT_A_PORT + blanks);
        assertRefused(catflap().env("CATFLAP_BACKLOG", "3 ").run("-p", "0", "touch", "ran"),
                "CATFLAP_BACKLOG=3 : " + NOT_A_BACKLOG + blanks);
        // the properties format keeps blanks at the end of a value, where nobody sees them: said
        Path file = temp.resolve(".catflap.properties");
        Files.writeString(file, "catflap.port=0 \t\n");
        assertRefused(catflap().run("touch", "ran"), file + ":1: catflap.port=0 \\t: " + NOT_A_PORT + blanks);
    }

    @Test
    void blanksAroundTheElementsOfAListBelongToTheList() throws IOException {
        Files.createDirectories(temp.resolve("src"));
        Files.createDirectories(temp.resolve("lib"));
        Files.writeString(temp.resolve(".catflap.properties"), "catflap.listen=127.0.0.1:0 , unix:a.sock\n");
        Catflap.Result result = catflap().run("true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(2, result.listening().size(), result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"touch ran\ntouch ran2", "touch ran\n", "\ntouch ran"})
    void aNewlineInAConfiguredCommandIsRefusedLikeASemicolon(String command) throws IOException {
        Catflap.Result result = catflap().env("CATFLAP_COMMAND", command).run("-p", "0");
        assertRefused(result, "CATFLAP_COMMAND=" + command.replace("\n", "\\n") + ": a newline" + NO_SHELL);

        Files.writeString(temp.resolve(".catflap.properties"), "catflap.port=0\ncatflap.command=" + command.replace("\n", "\\n") + "\n");
        assertRefused(catflap().run(), temp.resolve(".catflap.properties") + ":2: catflap.command=" + command.replace("\n", "\\n")
                + ": a newline" + NO_SHELL);
    }

    @Test
    void aQuotedNewlineInAConfiguredCommandIsPartOfTheWord() {
        Catflap.Result result = catflap().env("CATFLAP_COMMAND", "touch 'ran\nhere'").run("-p", "0", "-q");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(temp.resolve("ran\nhere")));
    }

    @Test
    void aRepeatedOptionIsQuotedAsTyped() {
        CoreIT.refused(catflap(), temp, List.of("-p", "0", "--watch", ".", "--ignore", "{a,b"), "--ignore {a,b: not a valid glob");
        CoreIT.refused(catflap(), temp, List.of("-p", "0", "--watch", ".", "--ignore", "a\\,b", "--ignore", "[x,y"),
                "--ignore a\\,b --ignore [x,y: [x,y: not a valid glob");
    }

    static Stream<Arguments> overlappingAddresses() {
        return Stream.of(
                Arguments.of("127.0.0.1:18100", "0.0.0.0:18100", "0.0.0.0:18100 overlaps 127.0.0.1:18100 (0.0.0.0 takes port 18100 on every IPv4 address)"),
                Arguments.of("0.0.0.0:18100", "tcp://10.1.2.3:18100", "tcp://10.1.2.3:18100 overlaps 0.0.0.0:18100 (0.0.0.0 takes port 18100 on every IPv4 address)"),
                Arguments.of("udp://0.0.0.0:18100", "udp://127.0.0.1:18100", "udp://127.0.0.1:18100 overlaps udp://0.0.0.0:18100 (0.0.0.0 takes port 18100 on every IPv4 address)"),
                Arguments.of("[::1]:18100", "[::]:18100", "[::]:18100 overlaps [::1]:18100 ([::] takes port 18100 on every IPv6 address)"));
    }

    @ParameterizedTest
    @MethodSource("overlappingAddresses")
    void overlappingAddressesAreRefusedAsSuch(String first, String second, String message) {
        CoreIT.refused(catflap(), temp, List.of("-l", first, "-l", second), "-l/--listen " + first + " -l/--listen " + second + ": " + message);
    }

    @Test
    void aUnixPathThatIsAnEarlierOnesFileThroughALinkIsNamedAsSuch() throws IOException {
        Files.createSymbolicLink(temp.resolve("lnk"), Path.of("."));
        Catflap.Result result = catflap().run("-q", "-l", "unix:a.sock", "-l", "unix:lnk/a.sock", "--", "touch", "ran");
        assertRefused(result, "cannot listen on unix:lnk/a.sock: the same file as unix:a.sock, which catflap has just bound");
        assertFalse(Files.exists(temp.resolve("a.sock")), "the first socket's file is removed again");
    }

    @Test
    void addressesThatDoNotOverlapAreBound() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Catflap.Result result = catflap().run("-l", "0.0.0.0:" + port, "-l", "udp://127.0.0.1:" + port, "-l", "0.0.0.0:0", "-l", "127.0.0.1:0", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(4, result.listening().size(), result.stderr());
    }
}
