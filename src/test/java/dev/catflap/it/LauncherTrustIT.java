package dev.catflap.it;

import static dev.catflap.it.Caller.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the launcher script (target/catflap) trusts, and what it keeps for the command: it opens
 * nothing in TMPDIR that another user could have made, keeps closed the standard descriptors the
 * caller closed, leaves the JVM's variables (JAVA_TOOL_OPTIONS, ...) to the command's JVM, and
 * says in one line on stderr, nothing on stdout, why it cannot start: no java, or a working
 * directory that was deleted.
 */
class LauncherTrustIT {
    /** A PATH that user nobody can use: not root's own (pyenv's shims live under /root). */
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
            "JDK_AOT_VM_OPTIONS", "_JAVA_LAUNCHER_DEBUG");
    /** Kills a JVM that takes it: the launcher's -Xms8m is larger. */
    private static final String FATAL_FOR_CATFLAP = "-Xmx4m -Dcatflap.trust=h\u00c3\u00a9";
    /** The same, for ProcessBuilder's environment, which encodes it in UTF-8. */
    private static final String FATAL_FOR_CATFLAP_TEXT = "-Xmx4m -Dcatflap.trust=h\u00e9";

    @TempDir
    Path temp;

    @BeforeEach
    void jvmMode() {
        assumeFalse(Catflap.isNative(), "the launcher script is JVM mode's");
    }

    // ---- the environment's copy in TMPDIR

    /**
     * Another user plants FIFOs in a shared TMPDIR under every name the launcher of the next few
     * thousand pids would have used (catflap-environ.PID): the launcher opens none of them (it would
     * block on one, or hand over what that user writes into it), the command gets the caller's
     * environment exactly, and nothing is left in TMPDIR.
     */
    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void environmentCopyOpensNothingAnotherUserPlantedInTmpdir(String mode) throws IOException {
        assumeTrue(isRoot(), "needs root, to act as two users");
        Path shared = SharedDirectory.create("catflap-trust");
        Set<String> planted = plantFifosForTheNextPids(shared, 3000);
        List<byte[]> environment = List.of(latin1("PATH=" + SYSTEM_PATH), latin1("TMPDIR=" + shared), latin1("LC_ALL=C"),
                latin1("TOKEN=secret"), latin1("BYTES=\u00ff\u0001"), latin1("TWICE=first"), latin1("TWICE=second"));
        List<String> line = new ArrayList<>(Catflap.AS_NOBODY);
        line.addAll(new Caller().withEnvironment(environment).execWords(FidelityIT.under(mode, Catflap.probe("report"))));

        try (Catflap.Running running = Catflap.launcher().env("PATH", SYSTEM_PATH).startDirectly(line)) {
            Catflap.Result result = running.await(); // bounded: a launcher blocked on a FIFO fails here
            assertEquals(0, result.exit(), result.stderr());
            assertTrue(planted.contains("catflap-environ." + running.pid()),
                    "a FIFO waited under the name of this launcher's pid " + running.pid());
            List<String> expected = hex(environment);
            expected.add(HexFormat.of().formatHex(latin1("LISTEN_FD=3")));
            assertEquals(expected, ProbeReport.parse(result.stdout()).environRawHex());
            assertEquals(planted, names(shared), "nothing left in TMPDIR");
            for (String name : planted) {
                assertTrue(Files.readAttributes(shared.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(),
                        name + " is still the FIFO planted");
            }
        } finally {
            SharedDirectory.deleteTree(shared.getParent());
        }
    }

    /**
     * A TMPDIR another user may write to (0777, or 2775 with that user in its group): the launcher
     * made a catflap.XXXXXX directory there, which that user renamed away, putting a link to a
     * directory of the caller's in its place; the launcher then made the copy there (readable by
     * all, under the umask) and removed that directory's own "environ" recursively. Now, run six
     * times beside a racing swapper (every new catflap.* entry becomes such a link) and a reader
     * (every entry new in the linked directory opened at once and read at the end), nothing the
     * reader opened holds the secret, the caller's directory keeps its "environ" and gets nothing
     * new, nothing is left in TMPDIR, and the command gets the caller's environment exactly. The
     * swapper must then win a catflap.* directory made there: the race really ran.
     */
    @ParameterizedTest
    @CsvSource({"0777,", "2775,100"})
    void environmentCopyNeverReachesAnotherUserThroughASharedTmpdir(String mode, String group) throws IOException {
        assumeTrue(isRoot(), "needs root, to act as two users");
        Path shared = SharedDirectory.create("catflap-race");
        Path base = shared.getParent();
        List<String> attacker = new ArrayList<>(Catflap.AS_NOBODY);
        if (group != null) {
            run(List.of("chgrp", group, shared.toString()));
            attacker.set(attacker.indexOf("--clear-groups"), "--groups=" + group);
        }
        Files.setAttribute(shared, "unix:mode", Integer.parseInt(mode, 8));
        Path target = Files.createDirectory(base.resolve("target"));
        Path kept = Files.createDirectory(target.resolve("environ")).resolve("kept");
        Files.writeString(kept, "mine");
        String secret = "secret-" + HexFormat.of().formatHex(SecureRandom.getSeed(8));
        List<byte[]> environment = List.of(latin1("PATH=" + SYSTEM_PATH), latin1("TMPDIR=" + shared), latin1("SECRET=" + secret),
                latin1("NOT-A-SHELL-NAME=kept"), latin1("TWICE=first"), latin1("TWICE=second"));
        List<String> expected = hex(environment);
        expected.add(HexFormat.of().formatHex(latin1("LISTEN_FD=3")));
        Catflap system = Catflap.launcher().env("PATH", SYSTEM_PATH);
        try (Catflap.Running swapper = system.startDirectly(attackerLine(attacker, "swapper.py", shared.toString(), "catflap.",
                target.toString(), "600"));
                Catflap.Running reader = system.startDirectly(attackerLine(attacker, "opener.py", target.toString(), "600"))) {
            swapper.awaitStdout("ready");
            reader.awaitStdout("ready");
            List<Catflap.Result> results = new ArrayList<>();
            for (String how : List.of("launcher", "spawn", "launcher", "spawn", "launcher", "spawn")) {
                results.add(system.runDirectly(new Caller().withEnvironment(environment)
                        .execWords(FidelityIT.under(how, Catflap.probe("report")))));
            }
            reader.signal("TERM");
            String read = reader.await().stdout();
            assertFalse(read.contains(HexFormat.of().formatHex(latin1(secret))), "another user read the environment: " + read
                    + "; the swapper: " + swapper.stdout());
            assertTrue(Files.exists(kept), "the caller's own environ was removed; the swapper: " + swapper.stdout());
            assertEquals("mine", Files.readString(kept));
            assertEquals(Set.of("environ"), names(target), "nothing added to the caller's directory");
            assertEquals(Set.of(), names(shared), "nothing left in TMPDIR: " + swapper.stdout());
            for (Catflap.Result result : results) {
                assertEquals(0, result.exit(), result.stderr());
                assertEquals(expected, ProbeReport.parse(result.stdout()).environRawHex(), "the command's, byte for byte");
            }

            Files.createDirectory(shared.resolve("catflap.control"));
            swapper.awaitStdout("swapped catflap.control");
        } finally {
            SharedDirectory.deleteTree(base);
        }
    }

    /** No TMPDIR at all: a name sh would drop still arrives. */
    @Test
    void environmentCopyNeedsNoTmpdir() {
        Catflap.Result result = Catflap.launcher().env("TMPDIR", temp.resolve("missing").toString())
                .env("NOT-A-SHELL-NAME", "kept").run("-q", "-p", "0", "--", "env");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().lines().anyMatch("NOT-A-SHELL-NAME=kept"::equals), result.stdout());
    }

    // ---- closed standard descriptors

    @ParameterizedTest
    @CsvSource({"launcher,0", "launcher,1", "launcher,2", "spawn,0", "spawn,1", "spawn,2", "watch,0", "watch,1", "watch,2"})
    void aStandardDescriptorTheCallerClosedIsClosedForTheCommand(String mode, int fd) throws IOException {
        String script = "exec \"$@\" " + fd + ">&-";
        ProbeReport direct = reportOf(FidelityIT.shell(script, Catflap.interpreterProbe("report-file", file("direct"))), null);
        assertFalse(direct.fds().contains(fd), "the caller really closes fd " + fd + ": " + direct.fds());

        ProbeReport launched = reportOf(FidelityIT.shell(script, Catflap.launcher().commandLine(
                options(mode, Catflap.interpreterProbe("report-file", file("launched"))))), mode);
        TreeSet<Integer> expected = new TreeSet<>(direct.fds());
        expected.add(3);
        assertEquals(expected, launched.fds(), "fd " + fd + " closed, nothing else added: " + launched.json().get("fds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void withStdinClosedTheSocketStillTakesFd0(String mode) throws IOException {
        List<String> args = new ArrayList<>(List.of("--stdin"));
        args.addAll(options(mode, Catflap.interpreterProbe("report-file", file("launched"))));
        ProbeReport launched = reportOf(FidelityIT.shell("exec \"$@\" <&-", Catflap.launcher().commandLine(args)), mode);
        assertEquals(new TreeSet<>(List.of(0, 1, 2)), launched.fds());
        assertTrue(launched.socket(0).get("listening").asBoolean());
    }

    // ---- the JVM's variables

    @ParameterizedTest
    @CsvSource({"JAVA_TOOL_OPTIONS,launcher", "JAVA_TOOL_OPTIONS,spawn", "_JAVA_OPTIONS,launcher", "_JAVA_OPTIONS,spawn",
        "JDK_JAVA_OPTIONS,launcher", "JDK_JAVA_OPTIONS,spawn"})
    void jvmOptionsInTheEnvironmentAreTheCommandsNotCatflaps(String variable, String mode) {
        List<byte[]> environment = List.of(latin1("PATH=" + System.getenv("PATH")), latin1("LC_ALL=C"),
                latin1(variable + "=" + FATAL_FOR_CATFLAP), latin1("AFTER=1"));
        Catflap.Result result = Catflap.launcher().runDirectly(new Caller().withEnvironment(environment)
                .execWords(FidelityIT.under(mode, Catflap.interpreterProbe("report"))));
        assertEquals(0, result.exit(), result.stderr());
        assertFalse(result.stderr().contains("Picked up"), result.stderr());
        List<String> expected = hex(environment);
        expected.add(HexFormat.of().formatHex(latin1("LISTEN_FD=3")));
        assertEquals(expected, ProbeReport.parse(result.stdout()).environRawHex(), "the command's, byte for byte");
    }

    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void aDebugAgentInJavaToolOptionsIsTheCommandsToStart(String mode) throws IOException {
        int port = freePort();
        String bind = "import socket; s = socket.socket(); s.bind(('127.0.0.1', " + port + ")); print('bound')";
        List<String> args = new ArrayList<>(List.of("-q", "-p", "0"));
        if (mode.equals("spawn")) {
            args.add("--spawn");
        }
        args.addAll(List.of("--", Catflap.interpreterProbe().get(0), "-c", bind));
        Catflap.Result result = Catflap.launcher()
                .env("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port)
                .run(args);
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("bound\n", result.stdout(), "only the command's output; stderr: " + result.stderr());
        assertFalse(result.stderr().contains("Picked up"), result.stderr());
    }

    @Test
    void launcherDebugOutputIsTheCommandsToPrint() {
        Catflap.Result result = Catflap.launcher().env("_JAVA_LAUNCHER_DEBUG", "1").run("-q", "-p", "0", "--", "sh", "-c",
                "echo \"$_JAVA_LAUNCHER_DEBUG\"");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("1\n", result.stdout());
    }

    /**
     * Where the launcher can make no copy of the environment (here: no mktemp on PATH, as if no
     * directory could be made in TMPDIR or /tmp), catflap takes the environment java got, and the
     * JVM's variables still act on the command alone and reach it with their values.
     */
    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void jvmVariablesReachTheCommandWhereNoEnvironmentCopyCouldBeMade(String mode) throws IOException {
        Path bin = Files.createDirectory(temp.resolve("bin"));
        for (String tool : List.of("readlink", "env")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        Catflap catflap = Catflap.launcher().env("PATH", bin.toString()).env("TMPDIR", temp.toString());
        JVM_VARIABLES.forEach(name -> catflap.env(name, FATAL_FOR_CATFLAP_TEXT));
        catflap.env("_JAVA_LAUNCHER_DEBUG", "1");
        catflap.env("LC_ALL", "C"); // the JVM's is C.UTF-8: the command gets the caller's back
        Catflap.Result result = catflap.run(options(mode, Catflap.interpreterProbe("report")));

        assertEquals(0, result.exit(), result.stderr());
        assertFalse(result.stderr().contains("Picked up"), result.stderr());
        List<String> environment = ProbeReport.parse(result.stdout()).environRaw().stream()
                .map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
        for (String name : JVM_VARIABLES) {
            String value = name.equals("_JAVA_LAUNCHER_DEBUG") ? "1" : FATAL_FOR_CATFLAP_TEXT;
            assertTrue(environment.contains(name + "=" + value), name + " in " + environment);
        }
        assertEquals(List.of(), environment.stream()
                .filter(entry -> entry.startsWith("CATFLAP_CALLER_") || entry.startsWith("_JAVA_SR_SIGNUM=")).toList());
        assertEquals(List.of("LC_ALL=C"), environment.stream().filter(entry -> entry.startsWith("LC_ALL=")).toList());
        assertEquals(List.of("bin"), names(temp).stream().toList(), "the launcher really made no copy in TMPDIR");
    }

    /**
     * A caller's own variables that merely share the launcher's prefix (CATFLAP_CALLER_...), even
     * one under the very name the launcher moves a JVM variable to, reach the command byte for
     * byte, with or without the copy of the environment (here without: no base64 on PATH), and
     * draw no "unknown variable" warning: the prefix is the launcher's, no setting's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"launcher,copy", "spawn,copy", "launcher,no copy", "spawn,no copy"})
    void callersOwnVariablesUnderTheLaunchersPrefixReachTheCommandWithoutAWarning(String how) throws IOException {
        String[] modeAndCopy = how.split(",");
        Catflap catflap = Catflap.launcher();
        if (modeAndCopy[1].equals("no copy")) {
            Path bin = Files.createDirectory(temp.resolve("bin"));
            for (String tool : List.of("readlink", "env")) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
            }
            catflap.env("PATH", bin.toString());
        }
        Map<String, String> variables = new TreeMap<>(Map.of("JAVA_TOOL_OPTIONS", FATAL_FOR_CATFLAP_TEXT,
                "CATFLAP_CALLER_JAVA_TOOL_OPTIONS", "own \u00e9", "CATFLAP_CALLER_CATFLAP_CALLER_JAVA_TOOL_OPTIONS", "deeper",
                "LC_ALL", "C", "CATFLAP_CALLER_LC_ALL", "mine", "CATFLAP_CALLER__JAVA_OPTIONS", "alone"));
        variables.forEach(catflap::env);
        Catflap.Result result = catflap.run(options(modeAndCopy[0], Catflap.interpreterProbe("report")));

        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stderr(), "no warning, no Picked up");
        Map<String, String> received = new TreeMap<>();
        for (byte[] entry : ProbeReport.parse(result.stdout()).environRaw()) {
            String text = new String(entry, StandardCharsets.UTF_8);
            String name = text.substring(0, text.indexOf('='));
            if (variables.containsKey(name) || name.startsWith("CATFLAP_CALLER_")) {
                assertEquals(null, received.put(name, text.substring(name.length() + 1)), "twice: " + name);
            }
        }
        assertEquals(variables, received);
    }

    // ---- cannot start

    @Test
    void deletedWorkingDirectoryIsOneLineOnStderrAndNothingOnStdout() throws IOException {
        Path gone = Files.createDirectory(temp.resolve("gone"));
        List<String> line = new ArrayList<>(List.of("sh", "-c", "cd \"$1\" && rmdir \"$1\" && shift && exec \"$@\"", "sh",
                gone.toString()));
        line.addAll(Catflap.launcher().commandLine(List.of("-q", "-p", "0", "--", "sh", "-c", "echo ran")));
        Catflap.Result result = Catflap.launcher().runDirectly(line);

        assertEquals(1, result.exit(), result.stderr());
        assertEquals("", result.stdout());
        // Before it, /bin/sh running the launcher warns as it would running any script there.
        assertTrue(result.stderr().endsWith("\n[catflap] the working directory " + gone
                + " was deleted, and catflap's JVM cannot start in it: cd to one that exists\n"), result.stderr());
        assertEquals(1, Catflap.occurrences(result.stderr(), "[catflap]"), result.stderr());
    }

    /** A working directory whose path the user may no longer look up is still there: the JVM starts in it. */
    @Test
    void workingDirectoryOutOfTheUsersReachIsNoDeletedOne() throws IOException {
        assumeTrue(isRoot(), "needs root, to act as two users");
        Path shared = SharedDirectory.create("catflap-trust");
        try {
            List<String> line = new ArrayList<>(List.of("sh", "-c", "cd \"$1\" && chmod 700 \"$2\" && shift 2 && exec \"$@\"",
                    "sh", shared.toString(), shared.getParent().toString()));
            line.addAll(Catflap.AS_NOBODY);
            line.addAll(Catflap.launcher().commandLine(List.of("-q", "-p", "0", "--", "sh", "-c", "echo ran")));
            Catflap.Result result = Catflap.launcher().env("PATH", SYSTEM_PATH).runDirectly(line);
            assertEquals(0, result.exit(), result.stderr());
            assertEquals("ran\n", result.stdout(), result.stderr());
        } finally {
            SharedDirectory.deleteTree(shared.getParent());
        }
    }

    @Test
    void noJavaInJavaHomeIsNotACommandNotFound() throws IOException {
        Catflap.Result result = Catflap.launcherAt(installationWithoutItsJdk()).env("JAVA_HOME", "/nonexistent/jdk")
                .run("-p", "0", "--", "sh", "-c", "echo ran");
        assertNoJava(result, "[catflap] no java at /nonexistent/jdk/bin/java (JAVA_HOME): catflap needs a JDK 17 or later; "
                + "set JAVA_HOME to one\n");
    }

    @Test
    void noJavaOnPathIsNotACommandNotFound() throws IOException {
        Path bin = Files.createDirectory(temp.resolve("bin"));
        for (String tool : List.of("readlink", "env", "mktemp", "rm", "cat")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        Catflap.Result result = Catflap.launcherAt(installationWithoutItsJdk()).withoutEnv("JAVA_HOME")
                .env("PATH", bin.toString()).run("-p", "0", "--", "/bin/sh", "-c", "echo ran");
        assertNoJava(result, "[catflap] no java on PATH, nor at /nonexistent/build-jdk/bin/java (the JDK that built "
                + "catflap): catflap needs a JDK 17 or later; set JAVA_HOME to one\n");
    }

    private static void assertNoJava(Catflap.Result result, String message) {
        assertEquals(message, result.stderr());
        assertEquals("", result.stdout());
        assertEquals(1, result.exit(), "not 127 or 126, which say that the command was not found or cannot run");
    }

    /** The launcher as if the JDK that built it were gone: a copy naming another, beside the real quarkus-app. */
    private Path installationWithoutItsJdk() throws IOException {
        Path installed = Path.of(System.getProperty("catflap.launcher", "target/catflap")).toAbsolutePath();
        Path copy = Files.createDirectory(temp.resolve("install"));
        String script = Files.readString(installed).replaceFirst("(?m)^java=.*$", "java=/nonexistent/build-jdk/bin/java");
        Files.writeString(copy.resolve("catflap"), script);
        Files.setPosixFilePermissions(copy.resolve("catflap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(copy.resolve("quarkus-app"), installed.resolveSibling("quarkus-app"));
        return copy.resolve("catflap");
    }

    // ---- helpers

    /** catflap's options for {@code mode} (launcher, spawn or watch), then {@code command}. */
    private List<String> options(String mode, List<String> command) throws IOException {
        List<String> args = new ArrayList<>(List.of("-q", "-p", "0"));
        if (mode.equals("spawn")) {
            args.add("--spawn");
        } else if (mode.equals("watch")) {
            args.addAll(List.of("--watch", Files.createDirectories(temp.resolve("watched")).toString()));
        }
        args.add("--");
        args.addAll(command);
        return args;
    }

    private String file(String name) {
        return temp.resolve(name + ".json").toString();
    }

    /**
     * Runs {@code commandLine}, whose probe writes its report to the file its arguments name, and
     * reads it; a watching catflap, which outlives the command, is then ended with SIGTERM.
     */
    private static ProbeReport reportOf(List<String> commandLine, String mode) throws IOException {
        int at = commandLine.indexOf("report-file");
        Path report = Path.of(commandLine.get(at + 1));
        try (Catflap.Running running = Catflap.launcher().startDirectly(commandLine)) {
            long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
            while (!Files.exists(report) && running.process().isAlive() && System.nanoTime() < deadline) {
                Catflap.sleep(20);
            }
            if ("watch".equals(mode)) {
                running.signal("TERM");
            }
            Catflap.Result result = running.await();
            assertTrue(Files.exists(report), "no report; exit " + result.exit() + ", stderr: " + result.stderr());
            if (!"watch".equals(mode)) {
                assertEquals(0, result.exit(), result.stderr());
            }
        }
        return ProbeReport.parse(Files.readString(report));
    }

    /** python3 running one of the attackers of src/test/resources as {@code attacker} (setpriv ...). */
    private static List<String> attackerLine(List<String> attacker, String script, String... args) {
        List<String> line = new ArrayList<>(attacker);
        line.addAll(List.of("python3", Path.of("target/test-classes", script).toAbsolutePath().toString()));
        line.addAll(List.of(args));
        return line;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }


    /** FIFOs anyone may open, named catflap-environ.PID for the next {@code count} pids. */
    private static Set<String> plantFifosForTheNextPids(Path directory, int count) throws IOException {
        long last = procNumber("/proc/sys/kernel/ns_last_pid");
        long max = procNumber("/proc/sys/kernel/pid_max");
        Set<String> names = new TreeSet<>();
        for (long pid = last + 1; names.size() < count; pid++) {
            names.add("catflap-environ." + (pid < max ? pid : 300 + pid - max)); // past pid_max, Linux goes on at 300
        }
        List<String> mkfifo = new ArrayList<>(List.of("mkfifo", "-m", "666"));
        names.forEach(name -> mkfifo.add(directory.resolve(name).toString()));
        run(mkfifo);
        return names;
    }

    /** The number in a /proc file (whose size shows as 0: read by lines, not by that size). */
    private static long procNumber(String path) throws IOException {
        return Long.parseLong(Files.readAllLines(Path.of(path)).get(0).trim());
    }

    private static void run(List<String> command) throws IOException {
        Catflap.Result result = Catflap.launcher().runDirectly(command);
        assertEquals(0, result.exit(), command.get(0) + ": " + result.stderr());
    }

    private static Set<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> hex(List<byte[]> values) {
        List<String> hex = new ArrayList<>();
        values.forEach(value -> hex.add(HexFormat.of().formatHex(value)));
        return hex;
    }
}
