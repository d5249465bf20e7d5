package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** -l/--listen specs, systemd's LISTEN_FDS protocol and --stdin, as the launched command sees them. */
class ListenIT {
    private static final String SYSTEM_PYTHON = "/usr/bin/python3";

    @TempDir
    Path temp;

    static List<String> args(List<String> options, List<String> command) {
        return CoreIT.args(options, command);
    }

    static List<String> listen(String... specs) {
        List<String> options = new ArrayList<>();
        for (String spec : specs) {
            options.add("-l");
            options.add(spec);
        }
        return options;
    }

    @Test
    void eachKindArrivesAtItsFdInTheOrderGiven() {
        String abstractName = "catflap-" + UUID.randomUUID();
        Path path = temp.resolve("app.sock");
        Catflap.Result result = Catflap.launcher().run(args(
                listen("127.0.0.1:0", "udp://127.0.0.1:0", "unix:" + path, "unix:@" + abstractName, "[::1]:0", "tcp://127.0.0.1:0"),
                Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8), report.fds(), "six sockets at 3-8, nothing else");

        assertSocket(report, 3, "AF_INET", "SOCK_STREAM", true);
        assertSocket(report, 4, "AF_INET", "SOCK_DGRAM", false);
        assertSocket(report, 5, "AF_UNIX", "SOCK_STREAM", true);
        assertSocket(report, 6, "AF_UNIX", "SOCK_STREAM", true);
        assertSocket(report, 7, "AF_INET6", "SOCK_STREAM", true);
        assertSocket(report, 8, "AF_INET", "SOCK_STREAM", true);
        assertEquals(path.toString(), report.socket(5).get("address").asText());
        assertEquals("@" + abstractName, report.socket(6).get("address").asText());
        assertEquals("::1", report.socket(7).get("address").get(0).asText());

        assertEquals(List.of(
                "127.0.0.1:" + port(report, 3),
                "udp://127.0.0.1:" + port(report, 4),
                "unix:" + path,
                "unix:@" + abstractName,
                "[::1]:" + port(report, 7),
                "127.0.0.1:" + port(report, 8)), result.listening(), "one line per socket, real ports, in order");
        for (int fd : List.of(3, 4, 7, 8)) {
            assertNotEquals(0, port(report, fd));
        }
        assertTrue(hasEntry(report, "LISTEN_FD=3"));
    }

    @Test
    void socketsAreBlockingAndInheritedWhateverTheCallerHadOpen() {
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(
                listen("udp://127.0.0.1:0", "unix:@"), Catflap.probe("report"))).stdout());
        for (int fd : List.of(3, 4)) {
            assertTrue(report.fd(fd).get("inheritable").asBoolean(), "fd " + fd + " must survive exec");
            assertTrue(report.fd(fd).get("blocking").asBoolean(), "fd " + fd + " must be blocking");
        }
    }

    @Test
    void unixSocketServesAConnection() throws IOException {
        Path path = temp.resolve("serve.sock");
        try (Catflap.Running catflap = Catflap.launcher().start(args(listen("unix:" + path), Catflap.probe("serve", "1")))) {
            assertEquals(List.of("unix:" + path), catflap.awaitAddresses(1));
            assertEquals("pid " + catflap.pid(), requestUnix(path));
            assertEquals(0, catflap.await().exit());
        }
    }

    @Test
    void abstractNameLeftToTheKernelIsPrintedAsBound() {
        Catflap.Result result = Catflap.launcher().run(args(listen("unix:@"), Catflap.probe("report")));
        String bound = ProbeReport.parse(result.stdout()).socket(3).get("address").asText();
        assertTrue(bound.matches("@[0-9a-f]{5}"), "the kernel's autobind name: " + bound);
        assertEquals(List.of("unix:" + bound), result.listening());
    }

    @Test
    void leftoverSocketFileNobodyListensOnIsReplaced() throws IOException {
        Path path = temp.resolve("stale.sock");
        try (ServerSocketChannel previous = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            previous.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "closing a Unix server leaves its file");
        try (Catflap.Running catflap = Catflap.launcher().start(args(listen("unix:" + path), Catflap.probe("serve", "1")))) {
            catflap.awaitAddresses(1);
            assertEquals("pid " + catflap.pid(), requestUnix(path));
            assertEquals(0, catflap.await().exit());
        }
    }

    @Test
    void socketFileAServerListensOnIsLeftToIt() throws IOException {
        Path path = temp.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(path));
            Catflap.Result result = Catflap.launcher().in(temp).run(args(listen("unix:" + path), List.of("touch", "ran")));
            assertEquals(1, result.exit());
            assertEquals("[catflap] cannot listen on unix:" + path + ": address already in use (a server is listening on it)\n",
                    result.stderr());
            assertFalse(Files.exists(temp.resolve("ran")));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                assertTrue(client.isConnected(), "the live server still has its socket");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "directory", "symlink"})
    void pathThatIsNotASocketIsNeverTouched(String kind) throws IOException {
        Path path = temp.resolve("not-a-socket");
        switch (kind) {
            case "file" -> Files.writeString(path, "keep me");
            case "directory" -> Files.createDirectory(path);
            default -> {
                Path stale = temp.resolve("stale-target.sock");
                try (ServerSocketChannel previous = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    previous.bind(UnixDomainSocketAddress.of(stale));
                }
                Files.createSymbolicLink(path, stale);
            }
        }
        Catflap.Result result = Catflap.launcher().in(temp).run(args(listen("unix:" + path), List.of("touch", "ran")));
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] cannot listen on unix:" + path + ": " + path + " exists and is not a socket (catflap leaves it alone)\n",
                result.stderr());
        assertFalse(Files.exists(temp.resolve("ran")));
        switch (kind) {
            case "file" -> assertEquals("keep me", Files.readString(path));
            case "directory" -> assertTrue(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS));
            default -> assertTrue(Files.isSymbolicLink(path));
        }
    }

    @Test
    void whenALaterSocketFailsTheUnixFilesAlreadyBoundAreRemoved() throws IOException {
        Path path = temp.resolve("first.sock");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            String busy = "127.0.0.1:" + taken.getLocalPort();
            Catflap.Result result = Catflap.launcher().in(temp).run(args(listen("unix:" + path, busy), List.of("touch", "ran")));
            assertEquals(1, result.exit());
            assertEquals("[catflap] cannot listen on " + busy + ": address already in use\n", result.stderr());
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "no socket file left behind");
            assertFalse(Files.exists(temp.resolve("ran")));
        }
    }

    @Test
    void specsComeFromTheEnvironmentAsACommaSeparatedList() {
        Path comma = temp.resolve("a,b.sock");
        ProbeReport report = ProbeReport.parse(Catflap.launcher()
                .env("CATFLAP_LISTEN", "udp://127.0.0.1:0, unix:" + comma.toString().replace(",", "\\,"))
                .run(Catflap.probe("report")).stdout());
        assertEquals("SOCK_DGRAM", report.socket(3).get("type").asText());
        assertEquals(comma.toString(), report.socket(4).get("address").asText());
    }

    @Test
    void commaInAListenOptionIsPartOfThePath() {
        Path comma = temp.resolve("c,d.sock");
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(listen("unix:" + comma), Catflap.probe("report"))).stdout());
        assertEquals(comma.toString(), report.socket(3).get("address").asText());
        assertEquals(Set.of(0, 1, 2, 3), report.fds());
    }

    @Test
    void listenFlagOverridesTheShorthandFromALowerSource() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_PORT", "1").run(args(listen("udp://127.0.0.1:0"), Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("SOCK_DGRAM", ProbeReport.parse(result.stdout()).socket(3).get("type").asText());
    }

    @Test
    void projectFilesSpecThatIsNotLoopbackDrawsAWarningBeforeBinding() throws IOException {
        Path file = Files.writeString(temp.resolve(".catflap.properties"), "catflap.listen=127.0.0.1:0,0.0.0.0:0\n");
        Catflap.Result result = inOwnHome().run("true");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stderr().lines().toList();
        assertEquals("[catflap] warning: " + file + ":1: catflap.listen=127.0.0.1:0,0.0.0.0:0: 0.0.0.0:0 is not a loopback"
                + " address: other machines can connect to the command", lines.get(0));
        assertEquals(3, lines.size(), result.stderr());
    }

    @Test
    void projectFilesHostReplacedByAListenFlagDrawsNoWarning() throws IOException {
        Files.writeString(temp.resolve(".catflap.properties"), "catflap.host=0.0.0.0\n");
        Catflap.Result result = inOwnHome().run(args(listen("127.0.0.1:0"), List.of("true")));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of("127.0.0.1:" + result.port()), result.listening());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    // ---- systemd's protocol

    @Test
    void systemdSetsCountPidAndNamesGiven() {
        Catflap.Result result = Catflap.launcher().run(args(List.of("--systemd",
                "-l", "127.0.0.1:0", "--fdname", "web", "-l", "udp://127.0.0.1:0", "--fdname", "dns", "-l", "unix:@", "--fdname", "admin"),
                Catflap.probe("report")));
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertTrue(hasEntry(report, "LISTEN_FDS=3"));
        assertTrue(hasEntry(report, "LISTEN_PID=" + result.pid()), "exec keeps catflap's pid: " + result.pid());
        assertEquals(result.pid(), report.pid());
        assertTrue(hasEntry(report, "LISTEN_FDNAMES=web:dns:admin"));
        assertTrue(hasEntry(report, "LISTEN_FD=3"), "the -e variable is set too");
    }

    @Test
    void systemdNamesEachSocketAfterItsKindByDefault() {
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(List.of("--systemd", "-l", "127.0.0.1:0",
                "-l", "udp://127.0.0.1:0", "-l", "unix:@", "-l", "[::1]:0"), Catflap.probe("report"))).stdout());
        assertTrue(hasEntry(report, "LISTEN_FDS=4"));
        assertTrue(hasEntry(report, "LISTEN_FDNAMES=tcp:udp:unix:tcp"));
    }

    @Test
    void systemdWithTheShorthandPassesItsOneSocket() {
        Catflap.Result result = Catflap.launcher().run(args(List.of("--systemd", "-p", "0"), Catflap.probe("report")));
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertTrue(hasEntry(report, "LISTEN_FDS=1"));
        assertTrue(hasEntry(report, "LISTEN_FDNAMES=tcp"));
        assertTrue(hasEntry(report, "LISTEN_PID=" + result.pid()));
    }

    @Test
    void callersSystemdVariablesAreReplaced() {
        Catflap.Result result = Catflap.launcher().env("LISTEN_FDS", "7").env("LISTEN_PID", "1").env("LISTEN_FDNAMES", "x")
                .run(args(List.of("--systemd", "-l", "127.0.0.1:0"), Catflap.probe("report")));
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertEquals(List.of("LISTEN_FD=3", "LISTEN_FDNAMES=tcp", "LISTEN_FDS=1", "LISTEN_PID=" + result.pid()), listenVariables(report));
    }

    @Test
    void noPidLeavesListenPidUnsetEvenWhereTheCallerHadOne() {
        ProbeReport report = ProbeReport.parse(Catflap.launcher().env("LISTEN_PID", "1")
                .run(args(List.of("--systemd", "--no-pid", "-l", "127.0.0.1:0", "-l", "127.0.0.1:0"), Catflap.probe("report"))).stdout());
        assertEquals(List.of("LISTEN_FD=3", "LISTEN_FDNAMES=tcp:tcp", "LISTEN_FDS=2"), listenVariables(report));
    }

    @Test
    void withoutSystemdNoneOfItsVariablesIsSet() {
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(listen("127.0.0.1:0", "unix:@"), Catflap.probe("report"))).stdout());
        assertEquals(List.of("LISTEN_FD=3"), listenVariables(report));
    }

    @Test
    void libsystemdAcceptsTheSockets() throws IOException, InterruptedException {
        assumeSystemdBindings();
        Path script = Path.of("target/test-classes/sd_listen.py").toAbsolutePath();
        Catflap.Result result = Catflap.launcher().run(List.of("--systemd",
                "-l", "127.0.0.1:0", "--fdname", "web", "-l", "udp://[::1]:0", "--fdname", "dns", "-l", "unix:" + temp.resolve("sd.sock"),
                "--fdname", "admin", SYSTEM_PYTHON, script.toString()));
        assertEquals(0, result.exit(), result.stderr());
        JsonNode seen = new ObjectMapper().readTree(result.stdout());
        assertEquals("[3,4,5]", seen.get("fds").toString(), "sd_listen_fds() takes them");
        assertEquals("[\"web\",\"dns\",\"admin\"]", seen.get("names").toString(), "sd_listen_fds_with_names()");
        assertEquals("[\"inet-stream-listening\",\"inet-dgram\",\"unix-stream-listening\"]", seen.get("kinds").toString(),
                "sd_is_socket_*()");
    }

    // ---- --stdin

    @Test
    void stdinPutsTheOneSocketOnFd0AndNothingAt3() {
        Catflap.Result result = Catflap.launcher().run(args(List.of("--stdin", "-l", "127.0.0.1:0"), Catflap.probe("report")));
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertEquals(Set.of(0, 1, 2), report.fds());
        JsonNode socket = report.socket(0);
        assertEquals("AF_INET", socket.get("family").asText());
        assertEquals("SOCK_STREAM", socket.get("type").asText());
        assertTrue(socket.get("listening").asBoolean());
        assertTrue(report.fd(0).get("blocking").asBoolean());
        assertEquals(result.port(), socket.get("address").get(1).asInt());
        assertTrue(hasEntry(report, "LISTEN_FD=0"), "the variable names the socket's fd, 0");
    }

    @Test
    void javaProgramAdoptsTheSocketThroughInheritedChannel() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String source = Path.of("target/test-classes/Inherit.java").toAbsolutePath().toString();
        try (Catflap.Running catflap = Catflap.launcher().start("--stdin", "-p", "0", "--", java, source)) {
            int port = catflap.awaitPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout((int) Catflap.TIMEOUT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals("inherited " + catflap.pid() + " hello", reply, catflap.stderr());
            }
            assertEquals(0, catflap.await().exit());
        }
    }

    // ---- bad input

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(listen("localhost:8080"), "-l/--listen localhost:8080: not an IP address"),
                Arguments.of(listen("8080"), "-l/--listen 8080: not a listen spec (write HOST:PORT, [IPV6]:PORT, tcp://HOST:PORT, udp://HOST:PORT, unix:PATH or unix:@NAME)"),
                Arguments.of(listen("::1:8080"), "-l/--listen ::1:8080: an IPv6 address goes in brackets, e.g. [::1]:8080"),
                Arguments.of(listen("[::1]"), "-l/--listen [::1]: not a listen spec"),
                Arguments.of(listen("127.0.0.1:65536"), "-l/--listen 127.0.0.1:65536: not a port number (0-65535)"),
                Arguments.of(listen("udp://127.0.0.1:x"), "-l/--listen udp://127.0.0.1:x: not a port number (0-65535)"),
                Arguments.of(listen("sctp://127.0.0.1:80"), "-l/--listen sctp://127.0.0.1:80: unknown kind of socket"),
                Arguments.of(listen("unix:"), "-l/--listen unix:: no path after unix:"),
                Arguments.of(listen("unix:/" + "x".repeat(110)), "-l/--listen unix:/" + "x".repeat(110) + ": a Unix socket path has at most 107 bytes, this one has 111"),
                Arguments.of(listen("unix:@" + "x".repeat(108)), "-l/--listen unix:@" + "x".repeat(108) + ": a Unix socket name has at most 107 bytes, this one has 108"),
                Arguments.of(listen("127.0.0.1:0", "localhost:0"), "-l/--listen 127.0.0.1:0 -l/--listen localhost:0: localhost:0: not an IP address"),
                Arguments.of(listen("127.0.0.1:8080", "tcp://127.0.0.1:8080"),
                        "-l/--listen 127.0.0.1:8080 -l/--listen tcp://127.0.0.1:8080: tcp://127.0.0.1:8080 is the same address as 127.0.0.1:8080"),
                Arguments.of(listen("unix:/tmp/x.sock", "127.0.0.1:0", "unix:/tmp/x.sock"),
                        "-l/--listen unix:/tmp/x.sock -l/--listen 127.0.0.1:0 -l/--listen unix:/tmp/x.sock: unix:/tmp/x.sock is the same address as unix:/tmp/x.sock"),
                Arguments.of(List.of("-l", "127.0.0.1:0", "-p", "8080"),
                        "-p/--port 8080: cannot be combined with -l/--listen 127.0.0.1:0; write the address as one more spec instead: -l 127.0.0.1:8080"),
                Arguments.of(List.of("-h", "::1", "-l", "127.0.0.1:0"), "-h/--host ::1: cannot be combined with -l/--listen 127.0.0.1:0"),
                Arguments.of(List.of("--stdin", "-l", "127.0.0.1:0", "-l", "unix:@"),
                        "--stdin: takes a single socket, but -l/--listen 127.0.0.1:0 -l/--listen unix:@ gives 2"),
                Arguments.of(List.of("--stdin", "--systemd", "-p", "0"),
                        "--stdin: cannot be combined with --systemd (systemd's protocol passes sockets from fd 3 up)"),
                Arguments.of(List.of("--systemd", "-l", "127.0.0.1:0", "-l", "unix:@", "--fdname", "web"),
                        "--fdname web: 1 name for 2 sockets (-l/--listen 127.0.0.1:0 -l/--listen unix:@): give one --fdname per socket, in order"),
                Arguments.of(List.of("--systemd", "-p", "0", "--fdname", "a", "--fdname", "b"),
                        "--fdname a --fdname b: 2 names for 1 socket: give one --fdname per socket, in order"),
                Arguments.of(List.of("--systemd", "-p", "0", "--fdname", "a:b"), "--fdname a:b: not a socket name"),
                Arguments.of(List.of("--systemd", "-p", "0", "--fdname", "with space"), "--fdname with space: not a socket name"),
                Arguments.of(List.of("-p", "0", "--fdname", "web"), "--fdname web: only applies with --systemd"),
                Arguments.of(List.of("-p", "0", "--no-pid"), "--no-pid: only applies with --systemd"),
                Arguments.of(listen("unix:a.sock", "unix:./a.sock"), "-l/--listen unix:a.sock -l/--listen unix:./a.sock: unix:./a.sock is the same address as unix:a.sock"),
                Arguments.of(List.of("-p", "0", "--grace", "2"), "--grace 2: only applies with --watch"),
                Arguments.of(List.of("--systemd", "-p", "0", "-e", "LISTEN_FDS"), "-e/--env LISTEN_FDS: is set by --systemd itself; choose another name"),
                Arguments.of(List.of("-p", "0", "--spawn", "--ignore", "*.log"), "--ignore *.log: only applies with --watch"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputExits2NamingTheOptionAndRunsNothing(List<String> options, String message) {
        Catflap.Result result = CoreIT.refused(Catflap.launcher(), temp, options, message);
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertEquals("", result.stdout());
    }

    static Stream<Arguments> badEnvironment() {
        return Stream.of(
                Arguments.of("CATFLAP_LISTEN", "127.0.0.1:0,localhost:80", List.of(),
                        "CATFLAP_LISTEN=127.0.0.1:0,localhost:80: localhost:80: not an IP address"),
                Arguments.of("CATFLAP_LISTEN", "127.0.0.1:0", List.of("-p", "9000"),
                        "-p/--port 9000: cannot be combined with CATFLAP_LISTEN=127.0.0.1:0"),
                Arguments.of("CATFLAP_STDIN", "true", List.of("--systemd"),
                        "CATFLAP_STDIN=true: cannot be combined with --systemd"),
                Arguments.of("CATFLAP_FDNAME", "a,b", List.of("--systemd"),
                        "CATFLAP_FDNAME=a,b: 2 names for 1 socket"),
                Arguments.of("CATFLAP_NO_PID", "maybe", List.of(), "CATFLAP_NO_PID=maybe: not a switch's value: write true or false (yes/no, on/off and 1/0 are read as those too)"));
    }

    @ParameterizedTest
    @MethodSource("badEnvironment")
    void badSettingFromTheEnvironmentNamesTheVariable(String variable, String value, List<String> options, String message) {
        CoreIT.refused(Catflap.launcher().env(variable, value), temp, options, message);
    }

    @Test
    void helpDescribesTheListenOptions() {
        String help = Catflap.launcher().run("--help").stdout();
        for (String option : List.of("-l, --listen=SPEC", "--systemd", "--no-pid", "--fdname=NAME", "--stdin")) {
            assertTrue(help.contains(option), option + " in: " + help);
        }
    }

    // ---- helpers

    private static void assertSocket(ProbeReport report, int fd, String family, String type, boolean listening) {
        JsonNode socket = report.socket(fd);
        assertEquals(family, socket.get("family").asText(), "fd " + fd);
        assertEquals(type, socket.get("type").asText(), "fd " + fd);
        assertEquals(listening, socket.get("listening").asBoolean(), "fd " + fd);
    }

    private static int port(ProbeReport report, int fd) {
        return report.socket(fd).get("address").get(1).asInt();
    }

    private static String requestUnix(Path path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static boolean hasEntry(ProbeReport report, String entry) {
        return report.environ().stream().anyMatch(e -> new String(e, StandardCharsets.UTF_8).equals(entry));
    }

    /** The LISTEN_* entries of the command's environment, sorted. */
    private static List<String> listenVariables(ProbeReport report) {
        return report.environ().stream().map(e -> new String(e, StandardCharsets.UTF_8))
                .filter(e -> e.startsWith("LISTEN_")).sorted().toList();
    }

    /** catflap in the temporary directory, with a HOME of its own: no user file of the machine's. */
    private Catflap inOwnHome() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        return Catflap.launcher().in(temp).env("HOME", home.toString()).env("XDG_CONFIG_HOME", home.resolve(".config").toString());
    }

    /** The libsystemd test needs Debian's python3-systemd, which .ci/run installs. */
    private static void assumeSystemdBindings() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(Path.of(SYSTEM_PYTHON))
                && new ProcessBuilder(SYSTEM_PYTHON, "-c", "import systemd.daemon").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        Assumptions.assumeTrue(present, "skipped: " + SYSTEM_PYTHON + " has no systemd.daemon module "
                + "(apt-get install python3-systemd, as .ci/run does)");
    }
}
