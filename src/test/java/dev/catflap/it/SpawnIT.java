package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static dev.catflap.it.CoreIT.refused;
import static dev.catflap.it.CoreIT.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --spawn: the command runs as catflap's child with what exec would have given it; catflap passes
 * signals on and ends with the child's status.
 */
class SpawnIT {
    private static final List<String> SPAWN = List.of("-p", "0", "--spawn");
    private static final Pattern READY = Pattern.compile("ready (\\d+)");

    @TempDir
    Path temp;

    @Test
    void commandIsAChildOfCatflap() {
        Catflap.Result result = Catflap.launcher().run(args(SPAWN, Catflap.probe("report")));
        ProbeReport report = ProbeReport.parse(result.stdout());
        assertEquals(0, result.exit());
        assertEquals(result.pid(), report.ppid(), "catflap is the command's parent");
        assertNotEquals(result.pid(), report.pid());
    }

    @Test
    void childAcceptsOnTheSocketCatflapHolds() throws IOException {
        try (Catflap.Running catflap = Catflap.launcher().start(args(SPAWN, Catflap.probe("serve", "1")))) {
            String reply = request("127.0.0.1", catflap.awaitPort());
            assertTrue(reply.startsWith("pid "), reply);
            assertNotEquals("pid " + catflap.pid(), reply);
            assertEquals(0, catflap.await().exit());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 42})
    void catflapExitsWithTheChildsStatus(int status) {
        Catflap.Result result = Catflap.launcher().run(args(List.of("-q", "-p", "0", "--spawn"), Catflap.probe("exit", Integer.toString(status))));
        assertEquals(status, result.exit());
        assertEquals("", result.stderr());
    }

    @Test
    void sigtermToCatflapReachesTheChildWhoseStatusCatflapExitsWith() {
        assertEquals(7, terminatedSignalsProbe(Catflap.launcher()).exit());
    }

    @Test
    void sigtermReachesTheChildUnderJavaJarToo() {
        assertEquals(7, terminatedSignalsProbe(Catflap.viaJar()).exit());
    }

    private static Catflap.Result terminatedSignalsProbe(Catflap how) {
        try (Catflap.Running catflap = how.start(args(SPAWN, Catflap.probe("signals", "7")))) {
            catflap.awaitStdout("ready");
            catflap.signal("TERM");
            Catflap.Result result = catflap.await();
            assertTrue(result.stdout().contains("got SIGTERM"), result.stdout());
            return result;
        }
    }

    @Test
    void childKilledBySignalNineGives137() {
        try (Catflap.Running catflap = Catflap.launcher().start(args(SPAWN, Catflap.probe("signals", "0")))) {
            long child = readyPid(catflap.awaitStdout("ready"));
            Catflap.signal(child, "KILL");
            assertEquals(137, catflap.await().exit());
        }
    }

    /**
     * Started by a caller that blocks nothing: this test JVM's own children have SIGQUIT blocked
     * before JDK 25 (HotSpot blocks it in its threads), and the child would inherit that, faithfully.
     */
    @Test
    void everyForwardedSignalReachesTheChildOnce() {
        List<String> names = List.of("HUP", "INT", "QUIT", "USR1", "USR2");
        Catflap launcher = Catflap.launcher();
        List<String> command = new Caller().blocking().execWords(launcher.commandLine(args(SPAWN, Catflap.probe("signals", "7"))));
        try (Catflap.Running catflap = launcher.startDirectly(command)) {
            catflap.awaitStdout("ready");
            for (String name : names) {
                catflap.signal(name);
                catflap.awaitStdout("got SIG" + name);
            }
            catflap.signal("TERM");
            Catflap.Result result = catflap.await();
            assertEquals(7, result.exit(), result.stderr());
            for (String name : names) {
                assertEquals(1, Catflap.occurrences(result.stdout(), "got SIG" + name + "\n"), result.stdout());
            }
        }
    }

    @Test
    void ctrlCInATerminalReachesTheChildOnce() {
        assertCtrlCReachesTheChildOnce(Catflap.launcher());
    }

    @Test
    void ctrlCInATerminalReachesTheChildOnceUnderJavaJar() {
        assertCtrlCReachesTheChildOnce(Catflap.viaJar());
    }

    /**
     * The terminal sends Ctrl-C's SIGINT to its foreground group, the child's: catflap must not send
     * the child a second one. The SIGTERM that follows is passed on, and comes after any SIGINT
     * catflap would have passed on. The Ctrl-C ends catflap, though the child went on after it:
     * killed by SIGINT (the probe, which reports a death by signal N as -N, exits with 256 - 2).
     */
    private static void assertCtrlCReachesTheChildOnce(Catflap how) {
        List<String> terminal = new ArrayList<>(Catflap.probe("terminal"));
        terminal.addAll(how.commandLine(args(SPAWN, Catflap.probe("signals", "7"))));
        Catflap.Result result = how.runDirectly(terminal);
        assertEquals(256 - 2, result.exit(), result.stdout() + result.stderr());
        assertEquals(1, Catflap.occurrences(result.stdout(), "got SIGINT"), result.stdout());
        assertEquals(1, Catflap.occurrences(result.stdout(), "got SIGTERM"), result.stdout());
    }

    @Test
    void systemdsLISTEN_PIDIsTheChildsOwnPid() {
        List<byte[]> environment = List.of(
                ("PATH=" + System.getenv("PATH")).getBytes(StandardCharsets.UTF_8),
                Caller.latin1("LC_ALL=C"),
                Caller.latin1("BYTES=\u00ff\u0001"),
                Caller.latin1("NOT-A-SHELL-NAME=1"),
                Caller.latin1("LISTEN_PID=1"),
                Caller.latin1("EMPTY="));
        Caller caller = new Caller().withEnvironment(environment);
        List<String> options = List.of("-q", "-p", "0", "--spawn", "--systemd");
        Catflap.Result result = Catflap.launcher().runDirectly(caller.execWords(
                Catflap.launcher().commandLine(args(options, Catflap.interpreterProbe("report")))));
        ProbeReport report = ProbeReport.parse(result.stdout());

        List<String> expected = hex(environment);
        expected.set(4, hex("LISTEN_PID=" + report.pid()));
        expected.addAll(List.of(hex("LISTEN_FD=3"), hex("LISTEN_FDS=1"), hex("LISTEN_FDNAMES=tcp")));
        assertEquals(expected, report.environRawHex(), "the caller's entries in order, LISTEN_PID the child's own");
        assertEquals(result.pid(), report.ppid());
        assertEquals(Set.of(0, 1, 2, 3), report.fds());
    }

    @Test
    void stdinPutsTheSocketAtFd0OfTheChild() {
        ProbeReport report = ProbeReport.parse(Catflap.launcher().run(args(List.of("-p", "0", "--spawn", "--stdin"),
                Catflap.probe("report"))).stdout());
        assertEquals(Set.of(0, 1, 2), report.fds());
        assertTrue(report.socket(0).get("listening").asBoolean());
        assertTrue(hasVariable(report, "LISTEN_FD"));
    }

    /**
     * Without base64 on PATH the launcher cannot hand the caller's environment over, and catflap
     * falls back to the JVM's, which has the launcher's variable.
     */
    @ParameterizedTest
    @ValueSource(strings = {"spawn", "exec", "spawn without the copy", "exec without the copy"})
    void launchersOwnVariableNeverReachesTheCommand(String mode) throws IOException {
        List<String> options = mode.startsWith("spawn") ? SPAWN : List.of("-p", "0");
        Catflap catflap = Catflap.launcher().withoutEnv("_JAVA_SR_SIGNUM");
        if (mode.endsWith("without the copy")) {
            Path bin = Files.createDirectory(temp.resolve("bin"));
            for (String tool : List.of("readlink", "env")) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
            }
            // An installed catflap (-Dcatflap.launcher=/usr/bin/catflap) takes its java from PATH.
            Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
            catflap.env("PATH", bin.toString());
        }
        ProbeReport report = ProbeReport.parse(catflap.run(args(options, Catflap.interpreterProbe("report"))).stdout());
        assertFalse(hasVariable(report, "_JAVA_SR_SIGNUM"), "the launcher's _JAVA_SR_SIGNUM is for the JVM alone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spawn", "exec"})
    void callersOwnSuspendSignalVariableStays(String mode) {
        List<String> options = mode.equals("spawn") ? SPAWN : List.of("-p", "0");
        ProbeReport report = ProbeReport.parse(Catflap.launcher().env("_JAVA_SR_SIGNUM", "40")
                .run(args(options, Catflap.probe("report"))).stdout());
        assertTrue(report.environ().stream().anyMatch(e -> new String(e, StandardCharsets.UTF_8).equals("_JAVA_SR_SIGNUM=40")));
    }

    /** HotSpot's attach listener, which -Xrs starts at once, would leave its socket behind every exec. */
    @ParameterizedTest
    @ValueSource(strings = {"spawn", "exec"})
    void launcherLeavesNoAttachSocketBehind(String mode) {
        List<String> options = mode.equals("spawn") ? SPAWN : List.of("-p", "0");
        Catflap.Result result = Catflap.launcher().run(args(options, Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        assertFalse(Files.exists(Path.of("/tmp", ".java_pid" + result.pid())));
    }

    @Test
    void scriptWithoutInterpreterLineRunsUnderSh() throws IOException {
        Path script = Files.writeString(temp.resolve("plain"), "exit 5\n");
        script.toFile().setExecutable(true);
        assertEquals(5, Catflap.launcher().run("-q", "-p", "0", "--spawn", script.toString()).exit());
    }

    @Test
    void missingCommandExits127AndBindsNothing() {
        Catflap.Result result = Catflap.launcher().run("-p", "0", "--spawn", "no-such-command-here");
        assertEquals(127, result.exit());
        assertEquals("[catflap] no-such-command-here: command not found\n", result.stderr());
    }

    @Test
    void spawnCanComeFromTheEnvironment() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_SPAWN", "true").run(args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(result.pid(), ProbeReport.parse(result.stdout()).ppid());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(List.of("--grace", "soon"), "--grace soon: not a number of seconds"),
                Arguments.of(List.of("--grace", "-1"), "--grace -1: not a number of seconds"),
                Arguments.of(List.of("--watch", "/etc/passwd/build"), "--watch /etc/passwd/build: /etc/passwd is not a directory"),
                Arguments.of(List.of("--watch", ".", "--watch", "/etc/passwd/x"), "--watch . --watch /etc/passwd/x: /etc/passwd/x: /etc/passwd is not a directory"),
                Arguments.of(List.of("--ignore", "[a"), "--ignore [a: not a valid glob"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void badValueExits2NamingItAndRunsNothing(List<String> options, String message) {
        refused(Catflap.launcher(), temp, options, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CATFLAP_GRACE=soon: not a number of seconds (0 to 3600, e.g. 5 or 0.5)", "CATFLAP_SPAWN=maybe: not a switch's value: write true or false (yes/no, on/off and 1/0 are read as those too)"})
    void badValueFromTheEnvironmentNamesTheVariable(String message) {
        String[] variable = message.substring(0, message.indexOf(':')).split("=");
        Catflap.Result result = Catflap.launcher().env(variable[0], variable[1]).in(temp).run("touch", "ran");
        assertEquals(2, result.exit());
        assertEquals("[catflap] " + message + "\n", result.stderr());
        assertFalse(Files.exists(temp.resolve("ran")));
    }

    static long readyPid(String stdout) {
        Matcher matcher = READY.matcher(stdout);
        assertTrue(matcher.find(), stdout);
        return Long.parseLong(matcher.group(1));
    }

    private static boolean hasVariable(ProbeReport report, String name) {
        return report.environ().stream().anyMatch(e -> new String(e, StandardCharsets.UTF_8).startsWith(name + "="));
    }

    private static List<String> hex(List<byte[]> values) {
        List<String> hex = new ArrayList<>();
        values.forEach(value -> hex.add(java.util.HexFormat.of().formatHex(value)));
        return hex;
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(Caller.latin1(text));
    }
}
