package dev.catflap.it;

import static dev.catflap.it.Caller.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command sees what a direct start from the same caller gives it: the same signal mask and
 * ignored signals, open-files limit, environment and argument bytes; of descriptors only 0-2 and
 * its socket. Each test starts a probe both ways from one caller and compares what it received,
 * under the launcher and under java -jar, each exec'ing the command or spawning it (--spawn).
 */
class FidelityIT {
    private static final int HUP = 1;
    private static final int INT = 2;
    private static final int QUIT = 3;
    private static final int USR1 = 10;
    private static final int USR2 = 12;
    private static final int PIPE = 13;
    private static final int ALRM = 14;
    private static final int TERM = 15;
    private static final int CHLD = 17;
    private static final int XFSZ = 25;
    private static final int SETXID = 33;
    private static final int RT_40 = 40;
    private static final List<String> OPTIONS = List.of("-q", "-p", "0");

    /**
     * catflap started as {@code mode} says: "launcher" (target/catflap) or "jar" (java -jar);
     * "spawn" and "jar-spawn" are the same with --spawn.
     */
    static Catflap catflap(String mode) {
        return mode.startsWith("jar") ? Catflap.viaJar() : Catflap.launcher();
    }

    /** The command line that runs {@code command} under catflap started as {@code mode}. */
    static List<String> under(String mode, List<String> command) {
        List<String> args = new ArrayList<>(OPTIONS);
        if (mode.endsWith("spawn")) {
            args.add("--spawn");
        }
        args.addAll(command);
        return catflap(mode).commandLine(args);
    }

    static List<byte[]> underRaw(String mode, List<byte[]> command) {
        List<byte[]> line = Caller.bytes(under(mode, List.of()));
        line.addAll(command);
        return line;
    }

    static Catflap.Result run(List<String> commandLine) {
        Catflap.Result result = Catflap.launcher().runDirectly(commandLine);
        assertEquals(0, result.exit(), result.stderr());
        return result;
    }

    static ProbeReport report(List<String> commandLine) {
        return ProbeReport.parse(run(commandLine).stdout());
    }

    static ProcStatus status(List<String> commandLine) {
        return ProcStatus.parse(run(commandLine).stdout());
    }

    /** Bit n-1 for each signal n, as /proc/PID/status shows signal sets. */
    static long bits(int... signals) {
        long set = 0;
        for (int signal : signals) {
            set |= 1L << (signal - 1);
        }
        return set;
    }

    static String signalSet(int... signals) {
        return String.format("%016x", bits(signals));
    }

    static boolean hasAll(String set, int... signals) {
        return (Long.parseUnsignedLong(set, 16) & bits(signals)) == bits(signals);
    }

    static String without(String set, int signal) {
        return String.format("%016x", Long.parseUnsignedLong(set, 16) & ~bits(signal));
    }

    /** A shell caller that runs {@code script} and then the words after it as "$@". */
    static List<String> shell(String script, List<String> command) {
        List<String> line = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        line.addAll(command);
        return line;
    }

    // ---- descriptors and socket

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "jar", "spawn", "jar-spawn"})
    void commandHasOnlyFds0To2AndItsSocket(String mode) {
        // The caller leaves fd 7 open: the command gets its socket, and nothing else, above 2.
        String script = "exec 7</dev/null; exec \"$@\"";
        ProbeReport direct = report(shell(script, Catflap.interpreterProbe("report")));
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 7)), direct.fds(), "the caller really passes fd 7");

        ProbeReport launched = report(shell(script, under(mode, Catflap.interpreterProbe("report"))));
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 3)), launched.fds());
        JsonNode fd3 = launched.fd(3);
        assertTrue(fd3.get("inheritable").asBoolean(), "not close-on-exec");
        assertTrue(fd3.get("blocking").asBoolean());
        JsonNode socket = launched.socket(3);
        assertEquals("SOCK_STREAM", socket.get("type").asText());
        assertTrue(socket.get("listening").asBoolean());
        assertTrue(socket.get("reuseaddr").asBoolean());
    }

    // ---- signals

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "jar", "spawn", "jar-spawn"})
    void blockedSignalsAreTheCallers(String mode) {
        int[] blocked = {HUP, INT, QUIT, USR1, USR2, PIPE, TERM, CHLD, XFSZ, RT_40};
        Caller caller = new Caller().blocking(blocked);
        ProcStatus direct = status(caller.execWords(ProcStatus.COMMAND));
        assertEquals(signalSet(blocked), direct.blocked(), "the caller really blocks them");

        assertEquals(direct.blocked(), status(caller.execWords(under(mode, ProcStatus.COMMAND))).blocked());
    }

    @Test
    void noBlockedSignalStaysNoBlockedSignal() {
        // The JVM blocks SIGQUIT in every thread that runs Java code.
        for (String mode : List.of("launcher", "jar", "spawn", "jar-spawn")) {
            ProcStatus launched = status(new Caller().execWords(under(mode, ProcStatus.COMMAND)));
            assertEquals("0000000000000000", launched.blocked(), mode);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void ignoredSignalsAreTheCallersUnderTheLauncher(String mode) {
        // All of the signals the JVM takes over, and more; not SIGCHLD (see README).
        int[] ignored = {HUP, INT, QUIT, USR1, USR2, PIPE, ALRM, TERM, XFSZ, RT_40};
        Caller caller = new Caller().ignoring(ignored);
        ProcStatus direct = status(caller.execWords(ProcStatus.COMMAND));
        assertTrue(hasAll(direct.ignored(), ignored), "the caller really ignores them: " + direct.ignored());

        assertEquals(direct.ignored(), status(caller.execWords(under(mode, ProcStatus.COMMAND))).ignored());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jar", "jar-spawn"})
    void ignoredSignalsTheJvmLeavesAloneAreTheCallersUnderJavaJar(String mode) {
        int[] ignored = {HUP, INT, USR1, ALRM, TERM, RT_40};
        Caller caller = new Caller().ignoring(ignored);
        ProcStatus direct = status(caller.execWords(ProcStatus.COMMAND));
        assertTrue(hasAll(direct.ignored(), ignored), "the caller really ignores them: " + direct.ignored());

        ProcStatus launched = status(caller.execWords(under(mode, ProcStatus.COMMAND)));
        // glibc gives signal 33 (SIGSETXID) a handler with the JVM's first thread, which hides
        // whether the caller, a child of this JVM (32 and 33 ignored), ignored it (see README).
        assertEquals(without(direct.ignored(), SETXID), without(launched.ignored(), SETXID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void signalsAShellTrapIgnoresStayIgnored(String mode) {
        // dash's trap "" makes the signal ignored in the commands it execs.
        String script = "trap '' HUP QUIT PIPE USR1; exec \"$@\"";
        ProcStatus direct = status(shell(script, ProcStatus.COMMAND));
        assertTrue(hasAll(direct.ignored(), HUP, QUIT, PIPE, USR1), "the caller really ignores them: " + direct.ignored());

        assertEquals(direct.ignored(), status(shell(script, under(mode, ProcStatus.COMMAND))).ignored());
    }

    // ---- limits

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "jar", "spawn", "jar-spawn"})
    void openFilesLimitIsTheCallersForACommandTheCallerStartsAsAChild(String mode) {
        // Under java -jar, the caller's limit is known from the shell that started java (README).
        String script = "ulimit -Sn 512; \"$@\"; exit $?";
        ProbeReport direct = report(shell(script, Catflap.interpreterProbe("report")));
        assertEquals(512, direct.nofileSoft());

        ProbeReport launched = report(shell(script, under(mode, Catflap.interpreterProbe("report"))));
        assertEquals(512, launched.nofileSoft());
        assertEquals(direct.nofileHard(), launched.nofileHard());
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void openFilesLimitIsTheCallersWhenTheCallerExecsTheLauncher(String mode) {
        String script = "ulimit -Sn 512; exec \"$@\"";
        ProbeReport launched = report(shell(script, under(mode, Catflap.interpreterProbe("report"))));
        assertEquals(512, launched.nofileSoft());
    }

    // ---- bytes

    /** An environment of entries no shell would pass on as they are, in the C locale. */
    static List<byte[]> awkwardEnvironment() {
        return List.of(
                ("PATH=" + System.getenv("PATH")).getBytes(StandardCharsets.UTF_8),
                latin1("LC_ALL=C"),
                latin1("BYTES=\u00ff\u0001"),
                latin1("UTF8=h\u00c3\u00a9llo"),
                latin1("\u00ff\u0001=a name that is not UTF-8"),
                latin1("NOT-A-SHELL-NAME=1"),
                latin1("TWICE=first"),
                latin1("TWICE=second"),
                latin1("NO_EQUALS_SIGN"),
                latin1("=no name"),
                latin1("EMPTY="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "jar", "spawn", "jar-spawn"})
    void environmentIsTheCallersByteForBytePlusTheSocketVariable(String mode) {
        Caller caller = new Caller().withEnvironment(awkwardEnvironment());
        List<String> direct = report(caller.execWords(Catflap.interpreterProbe("report"))).environRawHex();
        assertEquals(hex(awkwardEnvironment()), direct, "the caller really passes them");

        List<String> expected = new ArrayList<>(direct);
        expected.add(HexFormat.of().formatHex(latin1("LISTEN_FD=3")));
        assertEquals(expected, report(caller.execWords(under(mode, Catflap.interpreterProbe("report")))).environRawHex());
    }

    /**
     * The launcher hands the environment over (a name sh would drop arrives, so it did) and
     * leaves nothing in TMPDIR: it uses no file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void environmentHandOverLeavesNoFileInTmpdir(String mode, @TempDir Path tmpdir) throws IOException {
        List<String> args = new ArrayList<>(OPTIONS);
        if (mode.equals("spawn")) {
            args.add("--spawn");
        }
        args.addAll(List.of("env"));
        Catflap.Result result = Catflap.launcher().env("TMPDIR", tmpdir.toString()).env("NOT-A-SHELL-NAME", "kept").run(args);
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().lines().anyMatch("NOT-A-SHELL-NAME=kept"::equals), result.stdout());
        try (var left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "jar", "spawn", "jar-spawn"})
    void argumentsAreTheCallersByteForByteInTheCLocale(String mode) {
        List<byte[]> words = List.of(latin1("\u00ff\u0001"), latin1("h\u00c3\u00a9llo"), latin1(""),
                latin1(" two  spaces "), latin1("-p"), latin1("*"), latin1("\u00c3"));
        Caller caller = new Caller().withEnvironment(List.of(
                ("PATH=" + System.getenv("PATH")).getBytes(StandardCharsets.UTF_8), latin1("LC_ALL=C")));
        List<byte[]> probe = Caller.bytes(Catflap.interpreterProbe("report"));
        probe.addAll(words);

        List<String> direct = hex(report(caller.exec(probe)).argv());
        assertEquals(hex(words), direct, "the caller really passes them");
        assertEquals(direct, hex(report(caller.exec(underRaw(mode, probe))).argv()));
    }

    private static List<String> hex(List<byte[]> values) {
        List<String> hex = new ArrayList<>();
        values.forEach(value -> hex.add(HexFormat.of().formatHex(value)));
        return hex;
    }
}
