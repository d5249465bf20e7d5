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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
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

    /** Where nothing can be made in TMPDIR, the copy is made in /tmp: a name sh would drop still arrives. */
    /**
     * Where TMPDIR is a directory another user may write to (theirs, or world-writable without the
     * sticky bit), that user can rename the launcher's fresh directory away and put one of theirs,
     * with a FIFO named as the copy, under its name. The race is made certain here: the mktemp on
     * PATH plays the other user right after it made the directory. The launcher must neither block
     * on that FIFO nor write into it: it gives up the copy and java's environment is used.
     */
    @ParameterizedTest
    @ValueSource(strings = {"launcher", "spawn"})
    void environmentCopyIsNotMadeInADirectoryAnotherUserSwappedIn(String mode) throws IOException {
        assumeTrue(isRoot(), "needs root, to act as two users");
        Path tmpdir = Files.createDirectory(temp.resolve("theirs"));
        run(List.of("chown", "65534:65534", tmpdir.toString()));
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Path mktemp = bin.resolve("mktemp");
        Files.writeString(mktemp, "#!/bin/sh\n"
                + "d=$(/usr/bin/mktemp \"$@\") || exit\n"
                + "mv \"$d\" \"$d.moved\" && mkdir -m 777 \"$d\" && mkfifo -m 666 \"$d/environ\" && chown -R 65534:65534 \"$d\"\n"
                + "echo \"$d\"\n");
        Files.setPosixFilePermissions(mktemp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Catflap catflap = Catflap.launcher().env("PATH", bin + ":" + SYSTEM_PATH).env("TMPDIR", tmpdir.toString())
                .env("SECRET", "kept");
        Catflap.Result result = catflap.run(options(mode, List.of("env"))); // bounded: a blocked launcher fails here

        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().lines().anyMatch("SECRET=kept"::equals), result.stdout());
        try (var moved = Files.list(tmpdir)) {
            Path ours = moved.filter(path -> path.toString().endsWith(".moved")).findFirst().orElseThrow();
            try (var left = Files.list(ours)) {
                assertEquals(List.of(), left.toList(), "nothing of the copy is left in the directory moved away");
            }
        }
    }

    @Test
    void environmentCopyIsMadeInTmpWhereTmpdirIsUnusable() {
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
