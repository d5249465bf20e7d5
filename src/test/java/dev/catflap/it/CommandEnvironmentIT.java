package dev.catflap.it;

import static dev.catflap.it.Caller.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command's environment and words as the command really gets them (issue 23, findings 6's
 * command parts): {@code --setenv} from options, variables and a team file, in exec and spawn
 * modes and in the units; the hint for a shell's {@code NAME=value} before a command; globs and a
 * leading {@code ~} in a command read from a file or variable. A team as it works: a git
 * repository with a committed team file, catflap started from a subdirectory.
 */
class CommandEnvironmentIT {
    private static final String HINT = "DEBUG=1 python3 app.py: DEBUG=1 is not a command; catflap runs no shell: "
            + "use --setenv DEBUG=1 (or catflap.setenv)";
    private static final String GLOB = ": '*' is a glob, which a shell would expand to file names, and catflap runs no "
            + "shell (quote it to pass it literally, or run the command with sh -c '...')";
    private static final String TILDE = ": '~' starting a word is a home directory to a shell, and catflap runs no shell "
            + "(write the path, quote it to pass it literally, or run the command with sh -c '...')";
    /** A file's value: the properties format ate a single backslash, so it must be doubled there. */
    private static final String IN_FILE = "; in a properties file a backslash must be doubled to reach catflap (\\\\";
    private static final Path SYSTEMD = Path.of("/lib/systemd/systemd");
    /** The probe's command in a file, as one line: python3 itself (a pyenv shim would add variables). */
    private static final String PROBE = String.join(" ", Catflap.interpreterProbe());

    @TempDir
    Path temp;

    Path repo;
    Path tests;

    @BeforeEach
    void repository() throws IOException, InterruptedException {
        repo = Files.createDirectories(temp.resolve("repo")).toRealPath();
        tests = Files.createDirectories(repo.resolve("tests"));
        git("init", "-q");
    }

    /** The team file, committed, as a team shares it. */
    private void teamFile(String content) throws IOException, InterruptedException {
        Files.writeString(repo.resolve(".catflap.properties"), content);
        git("add", ".catflap.properties");
        git("-c", "user.name=team", "-c", "user.email=team@example.org", "commit", "-q", "-m", "team defaults");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(git.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, git.exitValue(), output);
    }

    /** catflap started in tests/, with a home and user file of its own (none). */
    private Catflap fromTests() {
        return Catflap.launcher().in(tests).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
    }

    /** The command's environment as its execve got it, each entry as text. */
    private static List<String> environment(Catflap.Result result) {
        assertEquals(0, result.exit(), result.stderr());
        return ProbeReport.parse(result.stdout()).environRaw().stream()
                .map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
    }

    // ---- --setenv

    /**
     * The caller's entries, awkward ones included, reach the command as they were, in their
     * order; --setenv overrides one in its place (its duplicate gone, as for LISTEN_FD) and adds
     * the others after them, raw bytes and all.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void setenvAddsAndOverridesAndTheCallersOtherVariablesStayByteForByte(String mode) {
        Caller caller = new Caller().withEnvironment(FidelityIT.awkwardEnvironment());
        List<String> direct = ProbeReport.parse(Catflap.launcher().runDirectly(caller.execWords(Catflap.interpreterProbe("report")))
                .stdout()).environRawHex();

        List<byte[]> line = Caller.bytes(Catflap.launcher().commandLine(Catflap.quietIn(mode, "-p", "0", "--setenv", "UTF8=new",
                "--setenv", "TWICE=third")));
        line.addAll(List.of(latin1("--setenv"), latin1("ADDED=\u00ff\u0001 two  spaces"), latin1("--")));
        line.addAll(Caller.bytes(Catflap.interpreterProbe("report")));
        Catflap.Result result = Catflap.launcher().runDirectly(caller.exec(line));
        assertEquals(0, result.exit(), result.stderr());

        List<String> expected = new ArrayList<>();
        for (String entry : direct) {
            String text = new String(HexFormat.of().parseHex(entry), StandardCharsets.ISO_8859_1);
            if (text.startsWith("UTF8=")) {
                expected.add(hex("UTF8=new"));
            } else if (text.equals("TWICE=first")) {
                expected.add(hex("TWICE=third"));
            } else if (!text.equals("TWICE=second")) {
                expected.add(entry);
            }
        }
        expected.add(hex("ADDED=\u00ff\u0001 two  spaces"));
        expected.add(hex("LISTEN_FD=3"));
        assertEquals(expected, ProbeReport.parse(result.stdout()).environRawHex());
    }

    private static List<String> runProbe(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(Catflap.interpreterProbe("report"));
        return all;
    }

    private static String hex(String latin1) {
        return HexFormat.of().formatHex(latin1(latin1));
    }

    /** The team's variables reach its command from any subdirectory, over the caller's, beside them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void theTeamFilesSetenvReachesItsCommandFromASubdirectory(String mode) throws Exception {
        teamFile("""
                catflap.port=0
                catflap.setenv=DEBUG=1, GREETING=hello world, LIST=a\\\\,b, URL=http://x/?a=1
                catflap.command=%s report
                """.formatted(PROBE));
        List<String> environment = environment(fromTests().env("DEBUG", "0").env("KEPT", "yes").run(Catflap.quietIn(mode)));
        for (String entry : List.of("DEBUG=1", "GREETING=hello world", "LIST=a,b", "URL=http://x/?a=1", "KEPT=yes",
                "LISTEN_FD=3")) {
            assertTrue(environment.contains(entry), entry + " in " + environment);
        }
        assertFalse(environment.contains("DEBUG=0"), environment.toString());
    }

    /** --watch runs the command as --spawn does, and again on each change: with the same variables. */
    @Test
    void underWatchTheRestartedCommandGetsThemToo() throws Exception {
        Path src = Files.createDirectories(repo.resolve("src"));
        teamFile("catflap.port=0\ncatflap.watch=src\ncatflap.setenv=DEBUG=1\ncatflap.command=" + PROBE + " report\n");
        try (Catflap.Running running = fromTests().start()) {
            running.awaitStderr("the command exited with status 0; it starts again on the next change");
            Files.writeString(src.resolve("app.py"), "changed\n");
            String stderr = running.awaitStderr("the command exited with status 0; it starts again on the next change", 2);
            List<String> reports = running.stdout().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(2, reports.size(), stderr);
            for (String report : reports) {
                List<String> environment = ProbeReport.parse(report).environRaw().stream()
                        .map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
                assertTrue(environment.contains("DEBUG=1"), environment.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void catflapSetenvAsAVariableToo(String mode) {
        List<String> environment = environment(fromTests().env("CATFLAP_SETENV", "FROM_VARIABLE=1,OTHER=2")
                .run(runProbe(Catflap.quietIn(mode, "-p", "0", "--"))));
        assertTrue(environment.containsAll(List.of("FROM_VARIABLE=1", "OTHER=2")), environment.toString());
    }

    /** As env PATH=... cmd: the program is searched for on the PATH the command gets. */
    @Test
    void theProgramIsSearchedForOnThePathTheCommandGets() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path tool = bin.resolve("catflap-team-tool");
        Files.writeString(tool, "#!/bin/sh\necho \"tool with PATH=$PATH\"\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Catflap.Result result = fromTests().run("-q", "-p", "0", "--setenv", "PATH=" + bin + ":/usr/bin:/bin",
                "catflap-team-tool");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("tool with PATH=" + bin + ":/usr/bin:/bin\n", result.stdout());
    }

    @Test
    void showConfigShowsTheVariablesAndWhereTheyCameFrom() throws Exception {
        teamFile("catflap.setenv=DEBUG=1, GREETING=hi\n");
        Catflap.Result result = fromTests().run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stdout().lines().anyMatch(line -> line.matches(
                "catflap\\.setenv +DEBUG=1,GREETING=hi +" + java.util.regex.Pattern.quote(repo + "/.catflap.properties"))),
                result.stdout());
        assertEquals("", result.stderr(), "a known key: no warning");
    }

    /** A bad NAME, or one catflap sets itself, stops catflap before it runs anything, naming value and source. */
    @Test
    void aBadOrReservedNameIsRefusedNamingTheValueAndWhereItCameFrom() throws Exception {
        String name = "(letters, digits and _, not starting with a digit)";
        CoreIT.refused(fromTests(), tests, List.of("-p", "0", "--setenv", "1X=1", "--"),
                "--setenv 1X=1: '1X' is not a valid environment variable name " + name + "\n");
        CoreIT.refused(fromTests().env("CATFLAP_SETENV", "DEBUG"), tests, List.of("-p", "0", "--"),
                "CATFLAP_SETENV=DEBUG: not NAME=VALUE (no '=' in it)\n");
        CoreIT.refused(fromTests(), tests, List.of("-p", "0", "--setenv", "LISTEN_FD=7", "--"),
                "--setenv LISTEN_FD=7: LISTEN_FD is the variable catflap sets to the socket's fd (-e/--env, by default); "
                        + "choose another name\n");
        CoreIT.refused(fromTests(), tests, List.of("-p", "0", "-e", "PORT_FD", "--setenv", "PORT_FD=7", "--"),
                "--setenv PORT_FD=7: PORT_FD is the variable catflap sets to the socket's fd (-e/--env PORT_FD); "
                        + "choose another name\n");
        teamFile("catflap.setenv=DEBUG=1,LISTEN_PID=1\n");
        CoreIT.refused(fromTests(), tests, List.of("-p", "0", "--"), repo.resolve(".catflap.properties")
                + ":1: catflap.setenv=DEBUG=1,LISTEN_PID=1: LISTEN_PID=1: LISTEN_PID is set by catflap itself (with "
                + "--systemd) and by systemd in a unit, to tell the command of its sockets; choose another name\n");
    }

    // ---- DEBUG=1 before the command

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void aShellsAssignmentBeforeTheCommandOnTheCommandLineIsACommandNotFoundWithTheHint(String mode) {
        Catflap.Result result = fromTests().run(Catflap.quietIn(mode, "-p", "0", "DEBUG=1", "python3", "app.py"));
        assertEquals(127, result.exit(), result.stderr());
        assertEquals("[catflap] " + HINT + "\n", result.stderr());
        assertEquals("", result.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void aShellsAssignmentBeforeTheTeamFilesCommandIsACommandNotFoundWithTheHint(String mode) throws Exception {
        teamFile("catflap.port=0\ncatflap.command=DEBUG=1 python3 app.py\n");
        Catflap.Result result = fromTests().run(mode.equals("exec") ? List.of("-p", "0") : List.of("-p", "0", mode));
        assertEquals(127, result.exit(), result.stderr());
        // named on its line, as a file's other values are
        assertEquals("[catflap] command from " + repo.resolve(".catflap.properties") + ": DEBUG=1 python3 app.py\n"
                + "[catflap] " + repo.resolve(".catflap.properties") + ":2: catflap.command=DEBUG=1 python3 app.py: " + HINT + "\n",
                result.stderr());
    }

    // ---- globs and ~ in a command read from a file or variable

    /**
     * Unquoted in the team's command they are refused, as a shell would have expanded them;
     * quoted they are the command's words as written. The same words on the command line, after
     * the options, are the shell's business (already expanded, or quoted): no check there.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void globsAndALeadingTildeInTheTeamFilesCommandAreRefusedUnquotedAndPassQuoted(String mode) throws Exception {
        teamFile("catflap.port=0\ncatflap.command=" + PROBE + " report src/*.py\n");
        Catflap.Result glob = fromTests().run(Catflap.quietIn(mode));
        assertEquals(2, glob.exit(), glob.stderr());
        assertEquals("[catflap] " + repo.resolve(".catflap.properties") + ":2: catflap.command=" + PROBE + " report src/*.py"
                + GLOB + IN_FILE + "*)\n", glob.stderr());
        assertEquals("", glob.stdout(), "the command did not run");

        teamFile("catflap.port=0\ncatflap.command=" + PROBE + " report ~/notes.txt\n");
        Catflap.Result tilde = fromTests().run(Catflap.quietIn(mode));
        assertEquals(2, tilde.exit(), tilde.stderr());
        assertEquals("[catflap] " + repo.resolve(".catflap.properties") + ":2: catflap.command=" + PROBE + " report ~/notes.txt"
                + TILDE + IN_FILE + "~)\n", tilde.stderr());

        teamFile("catflap.port=0\ncatflap.command=" + PROBE + " report '*.py' \"~/x\" 'a[1]?' a~b\n");
        Catflap.Result quoted = fromTests().run(Catflap.quietIn(mode));
        assertEquals(0, quoted.exit(), quoted.stderr());
        assertEquals(List.of("*.py", "~/x", "a[1]?", "a~b"), argv(quoted));

        List<String> commandLine = new ArrayList<>(Catflap.quietIn(mode, "-p", "0", "--"));
        commandLine.addAll(Catflap.interpreterProbe("report", "*.py", "~/x", "a[1]?"));
        Catflap.Result given = fromTests().run(commandLine);
        assertEquals(0, given.exit(), given.stderr());
        assertEquals(List.of("*.py", "~/x", "a[1]?"), argv(given));
    }

    @Test
    void inCatflapCommandAndTheUnitCommandToo() throws Exception {
        Catflap.Result variable = fromTests().env("CATFLAP_COMMAND", PROBE + " report *").run("-p", "0");
        assertEquals(2, variable.exit(), variable.stderr());
        assertEquals("[catflap] CATFLAP_COMMAND=" + PROBE + " report *" + GLOB + "\n", variable.stderr());

        teamFile("catflap.unit-command=~/bin/server\n");
        Catflap.Result unit = fromTests().run("-p", "0", "--", "true");
        assertEquals(2, unit.exit(), unit.stderr());
        assertEquals("[catflap] " + repo.resolve(".catflap.properties") + ":1: catflap.unit-command=~/bin/server" + TILDE + IN_FILE + "~)\n",
                unit.stderr());
    }

    private static List<String> argv(Catflap.Result result) {
        return ProbeReport.parse(result.stdout()).argv().stream().map(word -> new String(word, StandardCharsets.UTF_8)).toList();
    }

    // ---- units

    /**
     * The units of a team file with --setenv, generated from a subdirectory: one Environment=
     * line each, which systemd's own parser reads back as the exact values (systemd --test dumps
     * what it loaded; it refuses to run as root, so as nobody), and the try-it line, run as
     * written, gives them to the command.
     */
    @Test
    void theUnitsSetTheVariablesAsSystemdReadsThemAndTheTryItLineToo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path report = temp.resolve("report.json");
        teamFile("""
                catflap.port=%d
                catflap.setenv=DEBUG=1, 'MSG=say "hi" to $HOME at 100%% \\\\o/', QUOTE="it's", EMPTY=
                catflap.command=%s report-file %s
                catflap.unit-dir=deploy
                """.formatted(port, PROBE, report));
        Path deploy = Files.createDirectory(repo.resolve("deploy"));
        Catflap.Result result = fromTests().run("--systemd-units", "app");
        assertEquals(0, result.exit(), result.stderr());
        String service = Files.readString(deploy.resolve("app.service"));
        assertTrue(service.contains("\nEnvironment=LISTEN_FD=3\nEnvironment=DEBUG=1\n"
                + "Environment=\"MSG=say \\\"hi\\\" to $HOME at 100%% \\\\o/\"\nEnvironment=\"QUOTE=it's\"\nEnvironment=EMPTY=\n"),
                service);
        SystemdUnitsIT.verifyIn(deploy, "app");

        List<String> values = List.of("DEBUG=1", "MSG=say \"hi\" to $HOME at 100% \\o/", "QUOTE=it's", "EMPTY=");
        List<String> loaded = new ArrayList<>();
        for (String line : systemdTest(deploy, "app.service").lines().toList()) {
            if (line.startsWith("\t\tEnvironment: ")) {
                loaded.add(line.substring("\t\tEnvironment: ".length()));
            }
        }
        List<String> expected = new ArrayList<>(List.of("LISTEN_FD=3"));
        expected.addAll(values);
        assertEquals(expected, loaded, "as systemd loaded the service");

        String tryLine = service.lines().filter(line -> line.startsWith("# Try it without installing: ")).findFirst()
                .orElseThrow().substring("# Try it without installing: ".length());
        assertTrue(tryLine.contains(" --setenv=DEBUG=1 '--setenv=MSG=say \"hi\" to $HOME at 100% \\o/' "), tryLine);
        Process activated = new ProcessBuilder("sh", "-c", tryLine).redirectErrorStream(true)
                .redirectOutput(temp.resolve("activate.log").toFile()).start();
        try {
            List<String> environment = activatedEnvironment(port, report);
            assertTrue(environment.containsAll(values), environment.toString());
        } finally {
            activated.descendants().forEach(ProcessHandle::destroy);
            activated.destroy();
            activated.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A value a unit file cannot hold stops catflap, naming it, before any unit is written. */
    @Test
    void aValueThatIsNotUtf8IsRefusedForTheUnits() {
        Catflap catflap = fromTests();
        Catflap.Result result = catflap.runDirectly(List.of("sh", "-c", "exec \"$0\" --systemd-units app -p 8080 --unit-dir . "
                + "--setenv \"$(printf 'BYTES=a\\377')\" -- /bin/true", catflap.commandLine(List.of()).get(0)));
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] --setenv BYTES=a"), result.stderr());
        assertTrue(result.stderr().endsWith(": it holds bytes that are not UTF-8, which a unit file cannot\n"), result.stderr());
        assertFalse(Files.exists(tests.resolve("app.service")), "no unit written");
    }

    /** systemd's dump of the unit as it loaded it: systemd --test, as nobody, which it requires. */
    private String systemdTest(Path directory, String unit) throws IOException, InterruptedException {
        for (Path path = directory; path.startsWith(temp.getParent()) && !path.equals(temp.getParent()); path = path.getParent()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertTrue(Files.isExecutable(SYSTEMD), "systemd is missing: install Debian's systemd");
        List<String> command = new ArrayList<>(Catflap.AS_NOBODY);
        command.addAll(List.of(SYSTEMD.toString(), "--test", "--system", "--no-pager", "--unit=" + unit));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SYSTEMD_UNIT_PATH", directory + ":");
        Process systemd = builder.start();
        String dump = new String(systemd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(systemd.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, systemd.exitValue(), dump);
        int start = dump.indexOf("-> Unit " + unit + ":");
        assertTrue(start >= 0, dump);
        int next = dump.indexOf("-> Unit ", start + 1);
        return dump.substring(start, next < 0 ? dump.length() : next);
    }

    /** Connects until systemd-socket-activate listens, which starts the probe; then its report's environment. */
    private static List<String> activatedEnvironment(int port, Path report) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                assertTrue(System.nanoTime() < deadline, "systemd-socket-activate did not listen: " + e);
                Thread.sleep(20);
            }
        }
        while (!Files.exists(report)) {
            assertTrue(System.nanoTime() < deadline, "the activated command wrote no report");
            Thread.sleep(20);
        }
        return ProbeReport.parse(Files.readString(report)).environRaw().stream()
                .map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
    }
}
