package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The catflap 1.2 interface, run as a user runs it: bind, announce, exec. */
class CoreIT {

    @TempDir
    Path temp;

    static List<String> args(List<String> options, List<String> command) {
        List<String> all = new ArrayList<>(options);
        all.addAll(command);
        return all;
    }

    /**
     * Runs {@code catflap} in {@code directory} with {@code options} and a command that would leave
     * a file behind: a usage error (exit 2) whose stderr starts with "[catflap] " + {@code message},
     * and the command never ran. The result, for what a test checks besides.
     */
    static Catflap.Result refused(Catflap catflap, Path directory, List<String> options, String message) {
        Catflap.Result result = catflap.in(directory).run(args(options, List.of("touch", "ran")));
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] " + message), result.stderr());
        assertFalse(Files.exists(directory.resolve("ran")), "the command must not run");
        return result;
    }

    @Test
    void commandAcceptsOnTheInheritedSocketWithCatflapsPid() throws IOException {
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--"), Catflap.probe("serve", "1")))) {
            String reply = request("127.0.0.1", catflap.awaitPort());
            assertEquals("pid " + catflap.pid(), reply);
            assertEquals(0, catflap.await().exit());
        }
    }

    @Test
    void socketIsAListeningBlockingInheritableTcpSocketAtFd3() {
        Catflap.Result result = Catflap.launcher().run(args(List.of("-p", "0"), Catflap.probe("report")));
        ProbeReport report = ProbeReport.parse(result.stdout());
        JsonNode fd3 = report.fd(3);
        assertTrue(fd3.get("inheritable").asBoolean(), "fd 3 must survive exec");
        assertTrue(fd3.get("blocking").asBoolean(), "fd 3 must be blocking");
        JsonNode socket = report.socket(3);
        assertEquals("AF_INET", socket.get("family").asText());
        assertEquals("SOCK_STREAM", socket.get("type").asText());
        assertTrue(socket.get("listening").asBoolean());
        assertTrue(socket.get("reuseaddr").asBoolean());
        assertEquals("127.0.0.1", socket.get("address").get(0).asText());
        assertEquals(result.port(), socket.get("address").get(1).asInt(), "the printed port is the real one");
        assertNotEquals(0, result.port());
        assertEquals(result.pid(), report.pid(), "exec keeps catflap's pid");
    }

    @Test
    void variableNamesTheSocketsFd() {
        ProbeReport byDefault = ProbeReport.parse(Catflap.launcher().run(args(List.of("-p", "0"), Catflap.probe("report"))).stdout());
        assertTrue(hasEntry(byDefault, "LISTEN_FD=3"));

        ProbeReport named = ProbeReport.parse(Catflap.launcher().run(args(List.of("-p", "0", "-e", "PORT_FD"), Catflap.probe("report"))).stdout());
        assertTrue(hasEntry(named, "PORT_FD=3"));
        assertFalse(hasEntry(named, "LISTEN_FD=3"));
    }

    @Test
    void callersOwnValueOfTheVariableIsReplaced() {
        ProbeReport report = ProbeReport.parse(Catflap.launcher().env("LISTEN_FD", "9")
                .run(args(List.of("-p", "0"), Catflap.probe("report"))).stdout());
        assertTrue(hasEntry(report, "LISTEN_FD=3"));
        assertFalse(hasEntry(report, "LISTEN_FD=9"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 42, 3})
    void commandsExitStatusIsCatflaps(int status) {
        assertEquals(status, Catflap.launcher().run(args(List.of("-q", "-p", "0"), Catflap.probe("exit", Integer.toString(status)))).exit());
    }

    @Test
    void missingCommandExits127AndNamesIt() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", "no-such-command-here");
        assertEquals(127, result.exit());
        assertEquals("[catflap] no-such-command-here: command not found\n", result.stderr());
    }

    @Test
    void missingPathExits127() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", temp.resolve("absent").toString());
        assertEquals(127, result.exit());
        assertTrue(result.stderr().contains("absent: no such file or directory"), result.stderr());
    }

    @Test
    void fileThatIsNotExecutableExits126() throws IOException {
        Path script = Files.writeString(temp.resolve("not-executable.sh"), "#!/bin/sh\ntouch ran\n");
        Catflap.Result result = Catflap.launcher().in(temp).run("-p", "0", script.toString());
        assertEquals(126, result.exit());
        assertTrue(result.stderr().contains("not-executable.sh: permission denied"), result.stderr());
        assertFalse(Files.exists(temp.resolve("ran")));
        assertFalse(result.stderr().contains("Listening"), "nothing is bound for a command that cannot run");
    }

    @Test
    void directoryExits126() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", temp.toString());
        assertEquals(126, result.exit());
        assertTrue(result.stderr().contains("is a directory"), result.stderr());
    }

    @Test
    void scriptWithoutInterpreterLineRunsUnderSh() throws IOException {
        Path script = Files.writeString(temp.resolve("plain"), "exit 5\n");
        script.toFile().setExecutable(true);
        assertEquals(5, Catflap.launcher().run("-q", "-p", "0", script.toString()).exit());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(List.of("-p", "eighty"), "-p/--port eighty: not a port number (0-65535)"),
                Arguments.of(List.of("-p", "65536"), "-p/--port 65536: not a port number (0-65535)"),
                Arguments.of(List.of("-p", "-1"), "-p/--port -1: not a port number (0-65535)"),
                Arguments.of(List.of("-h", "localhost"), "-h/--host localhost: not an IP address"),
                Arguments.of(List.of("-h", "1.2.3.999"), "-h/--host 1.2.3.999: not an IP address"),
                Arguments.of(List.of("-h", "::g"), "-h/--host ::g: not an IP address"),
                Arguments.of(List.of("-h", "1::2::3"), "-h/--host 1::2::3: not a valid IPv6 address"),
                Arguments.of(List.of("--backlog", "0"), "--backlog 0: not a backlog"),
                Arguments.of(List.of("--backlog", "many"), "--backlog many: not a backlog"),
                Arguments.of(List.of("-e", "1FD"), "-e/--env 1FD: not a valid environment variable name"),
                Arguments.of(List.of("-e", "MY-FD"), "-e/--env MY-FD: not a valid environment variable name"),
                Arguments.of(List.of("--no-such-option"), "Unknown option: '--no-such-option'"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badInputExits2NamingTheValueAndRunsNothing(List<String> options, String message) {
        assertEquals("", refused(Catflap.launcher(), temp, options, message).stdout());
    }

    @Test
    void optionWithoutItsValueExits2() {
        Catflap.Result result = Catflap.launcher().run("-p");
        assertEquals(2, result.exit());
        assertTrue(result.stderr().startsWith("[catflap] Missing required parameter for option '--port'"), result.stderr());
    }

    @Test
    void badValueFromTheEnvironmentNamesTheVariable() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_PORT", "eighty").in(temp).run("touch", "ran");
        assertEquals(2, result.exit());
        assertEquals("[catflap] CATFLAP_PORT=eighty: not a port number (0-65535)\n", result.stderr());
        assertFalse(Files.exists(temp.resolve("ran")));
    }

    @Test
    void noCommandGivesUsageAndExits2() {
        Catflap.Result result = Catflap.launcher().run("-p", "0");
        assertEquals(2, result.exit());
        assertTrue(result.stderr().contains("no command given"), result.stderr());
        assertTrue(result.stderr().contains("usage: catflap [OPTIONS] [--] COMMAND [ARGS...]"), result.stderr());
    }

    @Test
    void addressInUseFailsNamingTheAddressAndRunsNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            Catflap.Result result = Catflap.launcher().in(temp).run("-p", Integer.toString(port), "touch", "ran");
            assertEquals(1, result.exit());
            assertEquals("[catflap] cannot listen on 127.0.0.1:" + port + ": address already in use\n", result.stderr());
            assertFalse(Files.exists(temp.resolve("ran")));
        }
    }

    @Test
    void ipv6LoopbackWorks() throws IOException {
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-h", "::1", "-p", "0"), Catflap.probe("serve", "1")))) {
            var listening = catflap.awaitListening();
            assertEquals("[::1]", listening.group(1));
            assertEquals("pid " + catflap.pid(), request("::1", Integer.parseInt(listening.group(2))));
        }
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(List.of("-h", "::1", "-p", "0"), Catflap.probe("report"))).stdout());
        assertEquals("AF_INET6", report.socket(3).get("family").asText());
        assertEquals("::1", report.socket(3).get("address").get(0).asText());
    }

    @Test
    void quietPrintsNoListeningLine() {
        Catflap.Result result = Catflap.launcher().run("-q", "-p", "0", "true");
        assertEquals(0, result.exit());
        assertEquals("", result.stderr());
    }

    @Test
    void onlyCatflapsOwnLineAppears() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", "true");
        assertEquals("", result.stdout(), "no banner, no log lines");
        assertTrue(result.stderr().matches("\\[catflap] Listening at: 127\\.0\\.0\\.1:\\d+\n"), result.stderr());
    }

    @Test
    void argumentsReachTheCommandUnchanged() {
        List<String> words = List.of("two words", "*", "$HOME", "'quoted'", "", "--", "-p", "9");
        List<String> probe = new ArrayList<>(Catflap.probe("report"));
        probe.addAll(words);
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(List.of("-p", "0"), probe)).stdout());
        List<String> received = report.argv().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(words, received);
    }

    @Test
    void optionsEndAtTheCommand() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", "sh", "-c", "echo \"$0 $1 fd=$LISTEN_FD\"", "-q", "--port");
        assertEquals("-q --port fd=3\n", result.stdout());
        assertTrue(result.stderr().contains("Listening at"), "-q after the command is the command's: " + result.stderr());
    }

    @Test
    void doubleDashSeparatesACommandThatLooksLikeAnOption() throws IOException {
        Path script = Files.writeString(temp.resolve("-dash"), "#!/bin/sh\necho dashed\n");
        script.toFile().setExecutable(true);
        Catflap.Result result = Catflap.launcher().in(temp).run("-q", "-p", "0", "--", "./-dash");
        assertEquals("dashed\n", result.stdout());
    }

    @Test
    void backlogIsTheSystemMaximumUnlessGiven() throws IOException {
        // ss reads the kernel's value; Files.readString would misread /proc ("4" for 4096)
        int somaxconn = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
        assertTrue(somaxconn > 4, "somaxconn read as " + somaxconn);
        assertEquals(somaxconn, listenBacklog(List.of("-p", "0")));
        assertEquals(7, listenBacklog(List.of("-p", "0", "--backlog", "7")));
    }

    @Test
    void versionAndHelpGoToStdout() {
        Catflap.Result version = Catflap.launcher().run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.stdout().matches("catflap \\d+\\.\\d+\\.\\d+.*\n"), version.stdout());
        Catflap.Result help = Catflap.launcher().run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.stdout().contains("Usage: catflap [OPTIONS] [--] COMMAND [ARGS...]"), help.stdout());
        assertTrue(help.stdout().contains("--backlog"), help.stdout());
    }

    /** stdout that cannot be written (a full disk) is a failure, not silently lost output. */
    @ParameterizedTest
    @ValueSource(strings = {"--help", "--version", "--show-config"})
    void outputThatCannotBeWrittenExits1(String option) {
        List<String> launcher = Catflap.launcher().commandLine(List.of(option));
        List<String> line = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" > /dev/full", "sh"));
        line.addAll(launcher);
        Catflap.Result result = Catflap.launcher().runDirectly(line);
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] cannot write to standard output\n", result.stderr());
    }

    @Test
    void launcherWorksFromAnyDirectoryAndThroughASymlink() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("catflap"), Path.of(System.getProperty("catflap.launcher", "target/catflap")).toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(link.toString(), "--version").directory(temp.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("catflap "), out);
    }

    /** The Send-Q that ss shows for a listening socket is its backlog. */
    private static int listenBacklog(List<String> options) throws IOException {
        try (Catflap.Running catflap = Catflap.launcher().start(args(options, Catflap.probe("serve", "1")))) {
            int port = catflap.awaitPort();
            Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).start();
            String line = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            request("127.0.0.1", port);
            return Integer.parseInt(line.split("\\s+")[2]);
        }
    }

    static String request(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(30_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static boolean hasEntry(ProbeReport report, String entry) {
        return report.environ().stream().anyMatch(e -> new String(e, StandardCharsets.UTF_8).equals(entry));
    }
}
