package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code catflap --systemd-units NAME}: the .socket and .service units written for each way
 * catflap hands sockets over, each pair checked by systemd's own parser ({@code systemd-analyze
 * verify}, which must print nothing), the errors that write nothing, and an example server run
 * by systemd-socket-activate as the units' comment says, answering as it does under catflap.
 */
class SystemdUnitsIT {
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Path SOCKET_ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");
    private static final String TRY_LINE = "# Try it without installing: ";

    @TempDir
    Path dir;

    /** A mode: catflap's options, the lines its .socket and .service must hold. */
    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("one TCP socket", List.of("-p", "8080"),
                        List.of("ListenStream=127.0.0.1:8080", "FileDescriptorName=tcp"),
                        List.of("Environment=LISTEN_FD=3")),
                Arguments.of("-e NAME", List.of("-p", "8080", "-e", "PORT_FD"),
                        List.of("ListenStream=127.0.0.1:8080"),
                        List.of("Environment=PORT_FD=3")),
                Arguments.of("several sockets, named", List.of("-l", "127.0.0.1:8080", "-l", "unix:app.sock", "--systemd",
                                "--fdname", "web", "--fdname", "web", "--backlog", "64"),
                        List.of("ListenStream=127.0.0.1:8080\nListenStream=DIR/app.sock\n", "FileDescriptorName=web",
                                "Backlog=64", "SocketMode=0640"),
                        List.of("Environment=LISTEN_FD=3")),
                Arguments.of("UDP", List.of("-l", "udp://127.0.0.1:9000"),
                        List.of("ListenDatagram=127.0.0.1:9000", "FileDescriptorName=udp"),
                        List.of("Environment=LISTEN_FD=3")),
                Arguments.of("unix path", List.of("-l", "unix:run/app 100%.sock"),
                        List.of("ListenStream=DIR/run/app 100%%.sock", "FileDescriptorName=unix", "SocketMode=0640"),
                        List.of("Environment=LISTEN_FD=3")),
                Arguments.of("abstract", List.of("-l", "unix:@catflap-units-it"),
                        List.of("ListenStream=@catflap-units-it", "FileDescriptorName=unix"),
                        List.of("Environment=LISTEN_FD=3")),
                Arguments.of("--stdin", List.of("-p", "8080", "--stdin"),
                        List.of("ListenStream=127.0.0.1:8080"),
                        List.of("Environment=LISTEN_FD=0", "StandardInput=socket", "StandardOutput=journal")),
                Arguments.of("IPv6", List.of("-l", "[::1]:8080", "-l", "[::]:8081"),
                        List.of("ListenStream=[::1]:8080\nListenStream=[::]:8081\n", "BindIPv6Only=ipv6-only"),
                        List.of("Environment=LISTEN_FD=3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void writesAPairThatSystemdReadsWithoutAWarning(String mode, List<String> options, List<String> socketLines,
            List<String> serviceLines) throws Exception {
        List<String> args = new ArrayList<>(List.of("--systemd-units", "app"));
        args.addAll(options);
        args.addAll(List.of("--", "cat", "-u"));
        Catflap.Result result = underUmask027(args);
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stdout(), "stdout is the command's");

        String socket = unit("app.socket");
        String service = unit("app.service");
        for (String line : socketLines) {
            assertTrue(socket.contains(line.replace("DIR", dir.toString())), line + " in:\n" + socket);
        }
        for (String line : serviceLines) {
            assertTrue(service.contains(line + "\n"), line + " in:\n" + service);
        }
        assertTrue(service.contains("\nExecStart=" + onPath("cat") + " -u\n"), service);
        assertTrue(service.contains("\nWorkingDirectory=" + dir + "\n"), service);
        assertTrue(service.contains("\nRequires=app.socket\nAfter=app.socket\n"), service);
        for (String unit : List.of(socket, service)) {
            assertTrue(unit.startsWith("# Generated by catflap --systemd-units app from "), unit);
            assertTrue(unit.contains("\n# Install: systemctl --user link " + dir.resolve("app.socket") + " "
                    + dir.resolve("app.service") + " && systemctl --user enable --now app.socket\n"), unit);
            assertTrue(unit.contains("\n" + TRY_LINE + "cd " + dir + " && systemd-socket-activate "), unit);
        }
        assertTrue(result.stderr().contains("[catflap] wrote " + dir.resolve("app.socket") + " and "
                + dir.resolve("app.service") + "\n"), result.stderr());
        verify("app");
    }

    @Test
    void argumentsKeepTheirBytesThroughSystemdsQuotingAndSpecifiers() throws Exception {
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", "quoted", "-p", "8080", "--",
                "printf", "%s\\n", "$HOME", "a \"b\" c", "back\\slash", ";", "");
        assertEquals(0, result.exit(), result.stderr());
        // printf '%s\n' as a shell passes it: a backslash and an n (a control character itself is refused)
        assertTrue(unit("quoted.service").contains("\nExecStart=" + onPath("printf")
                + " \"%%s\\\\n\" \"$$HOME\" \"a \\\"b\\\" c\" \"back\\\\slash\" \\; \"\"\n"), unit("quoted.service"));
        verify("quoted");
    }

    /**
     * The team file names its development command and its production one: the units get the
     * production one, and catflap says so; what has no meaning in a unit is named as left out.
     * Its unit directory is the project's, from any directory below it; the service runs where
     * catflap ran.
     */
    @Test
    void theTeamFilesProductionCommandGoesToExecStartAndWatchingIsLeftOut() throws Exception {
        Files.writeString(dir.resolve(".catflap.properties"), """
                catflap.port=8080
                catflap.command=cat -u
                catflap.unit-command=cat -n
                catflap.unit-dir=deploy
                catflap.watch=.
                catflap.grace=2.5
                """);
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        Path below = Files.createDirectory(dir.resolve("below"));
        Catflap.Result result = Catflap.launcher().in(below).run("--systemd-units", "app");
        assertEquals(0, result.exit(), result.stderr());
        String service = Files.readString(deploy.resolve("app.service"));
        assertTrue(service.contains("\nExecStart=" + onPath("cat") + " -n\n"), service);
        // the team's command runs where the team file is, wherever the units were generated
        assertTrue(service.contains("\nWorkingDirectory=" + dir + "\n"), service);
        // a developer's quick restart is no production stop timeout: systemd's own stays
        assertFalse(service.contains("\nTimeoutStopSec="), service);
        assertTrue(result.stderr().contains("[catflap] the service runs the command from catflap.unit-command in "
                + dir.resolve(".catflap.properties") + ": " + onPath("cat") + " -n\n"), result.stderr());
        assertTrue(result.stderr().contains("[catflap] left out of the units: --watch, --grace (for development: systemd "
                + "supervises the service itself, and stops it with its own TimeoutStopSec=)\n"), result.stderr());
        assertTrue(service.contains("\n# Left out: --watch"), service);
        assertTrue(service.startsWith("# Generated by catflap --systemd-units app from " + dir.resolve(".catflap.properties")
                + " (catflap.port, catflap.watch, catflap.grace, catflap.unit-command, catflap.unit-dir, catflap.command) "
                + "and the built-in defaults; see catflap --show-config."), service);
        verifyIn(deploy, "app");
    }

    /**
     * The ordinary team file names only its command (no catflap.unit-command), or the user sets
     * CATFLAP_COMMAND: that command goes to ExecStart=, as written, and catflap says where it came from.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"team file", "CATFLAP_COMMAND"})
    void theConfiguredCommandGoesToExecStartWhenNoUnitCommandIsSet(String where) throws Exception {
        Catflap catflap = Catflap.launcher().in(dir);
        String source;
        if (where.equals("team file")) {
            Files.writeString(dir.resolve(".catflap.properties"), "catflap.port=8080\ncatflap.command=cat -u 'a b'\n");
            source = "catflap.command in " + dir.resolve(".catflap.properties");
        } else {
            catflap.env("CATFLAP_COMMAND", "cat -u 'a b'");
            source = "CATFLAP_COMMAND";
        }
        Catflap.Result result = where.equals("team file") ? catflap.run("--systemd-units", "app")
                : catflap.run("--systemd-units", "app", "-p", "8080");
        assertEquals(0, result.exit(), result.stderr());
        assertFalse(result.stderr().contains("internal error"), result.stderr());
        String service = unit("app.service");
        assertTrue(service.contains("\nExecStart=" + onPath("cat") + " -u \"a b\"\n"), service);
        assertTrue(result.stderr().contains("[catflap] the service runs the command from " + source + ": "
                + onPath("cat") + " -u 'a b'\n"), result.stderr());
        verify("app");
    }

    @Test
    void aRelativeCommandBecomesAbsoluteInTheWorkingDirectory() throws Exception {
        Path server = dir.resolve("server");
        executableScript(server);
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", "app", "--", "./server", "--prod");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(unit("app.service").contains("\nExecStart=" + server + " --prod\n"), unit("app.service"));
        verify("app");
    }

    /**
     * systemd expands variables in ExecStart='s arguments but not in the path it runs: a '$' in
     * the executable's directory stays single there (written '$$', systemd looked for a file with
     * two), while '%' is a specifier everywhere.
     */
    @Test
    void aDollarInTheExecutablesPathIsWrittenAsItIs() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("app$1 100%"));
        Path server = bin.resolve("ser$ver");
        executableScript(server);
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", "app", "--", server.toString(), "$1");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(unit("app.service").contains("\nExecStart=\"" + bin.toString().replace("%", "%%") + "/ser$ver\" \"$$1\"\n"),
                unit("app.service"));
        verify("app");
    }

    /** '$$' or '${' in the path: systemd would run the path as written but give argv[0] expanded. */
    @Test
    void anExecutablePathThatArgv0WouldReadOtherwiseIsRefused() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("a${b}"));
        Path server = bin.resolve("server");
        executableScript(server);
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", "app", "--", server.toString());
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] command from the command line: its path holds '$$' or '${', which systemd would run "
                + "as written but pass in argv[0] expanded\n", result.stderr());
        assertFalse(Files.exists(dir.resolve("app.service")));
    }

    /**
     * systemd runs no executable whose path holds a quote or a backslash ("Executable name
     * contains special characters"): refused, rather than written for a service that never starts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"John's projects", "a \"quoted\" name", "back\\slash"})
    void anExecutablePathSystemdWillNotRunIsRefused(String name) throws Exception {
        Path bin = Files.createDirectories(dir.resolve(name));
        Path server = bin.resolve("server");
        executableScript(server);
        Catflap.Result result = Catflap.launcher().in(bin).run("--systemd-units", "app", "-p", "8080", "--", "./server");
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] command from the command line: its path " + server + " holds '"),
                result.stderr());
        assertTrue(result.stderr().endsWith(", and systemd runs no executable whose path holds a quote, a backslash or a "
                + "control character: move or link it where its path has none\n"), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        try (Stream<Path> files = Files.list(bin)) {
            assertEquals(List.of(server), files.toList(), "nothing written");
        }
    }

    /**
     * link -> ../real/sub: {@code ./link/../server} is real/server to the kernel, as catflap runs
     * it, and {@code link/../app.sock} is real/app.sock; normalize() made both proj/..., another
     * file. The units name the files catflap would use.
     */
    @Test
    void aDotDotAfterALinkNamesWhatTheKernelReaches() throws Exception {
        Path proj = Files.createDirectory(dir.resolve("proj"));
        Path real = Files.createDirectories(dir.resolve("real/sub")).getParent();
        Files.createSymbolicLink(proj.resolve("link"), Path.of("../real/sub"));
        executableScript(real.resolve("server"));
        executableScript(proj.resolve("server"));
        Catflap.Result result = Catflap.launcher().in(proj)
                .run("--systemd-units", "app", "-l", "unix:link/../app.sock", "--", "./link/../server");
        assertEquals(0, result.exit(), result.stderr());
        String service = Files.readString(proj.resolve("app.service"));
        assertTrue(service.contains("\nExecStart=" + real.resolve("server") + "\n"), service);
        String socket = Files.readString(proj.resolve("app.socket"));
        assertTrue(socket.contains("\nListenStream=" + real.resolve("app.sock") + "\n"), socket);
    }

    /**
     * The install line is for a shell: a unit name with a backslash (systemd's escape, as
     * systemd-escape writes {@code a-b} in a path) reaches systemctl whole. Run through sh with a
     * systemctl that prints its words.
     */
    @Test
    void theInstallLineGivesSystemctlTheUnitNameAsItIs() throws Exception {
        Path units = Files.createDirectory(dir.resolve("units"));
        Catflap.Result result = Catflap.launcher().in(dir)
                .run("--systemd-units", "a\\x2db", "--unit-dir", "units", "-p", "8080", "--", "/bin/cat");
        assertEquals(0, result.exit(), result.stderr());
        String prefix = "[catflap] install them: ";
        String line = result.stderr().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
                .substring(prefix.length());
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path stub = bin.resolve("systemctl");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> \"$0.log\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", line).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process sh = builder.start();
        assertTrue(sh.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, sh.exitValue());
        assertEquals(List.of("--user", "link", units.resolve("a\\x2db.socket").toString(),
                units.resolve("a\\x2db.service").toString(), "--user", "enable", "--now", "a\\x2db.socket"),
                Files.readAllLines(bin.resolve("systemctl.log")));
    }

    @Test
    void writesIntoTheUnitDirectoryAndReplacesOnlyItsOwnEarlierUnits() throws Exception {
        Path units = Files.createDirectory(dir.resolve("deploy"));
        assertEquals(0, Catflap.launcher().in(dir).run("--systemd-units", "app", "--unit-dir", "deploy", "-p", "8080",
                "--", "cat").exit());
        Catflap.Result again = Catflap.launcher().in(dir).env("CATFLAP_UNIT_DIR", "deploy")
                .run("--systemd-units", "app", "-p", "8081", "--", "cat");
        assertEquals(0, again.exit(), again.stderr());
        assertTrue(Files.readString(units.resolve("app.socket")).contains("\nListenStream=127.0.0.1:8081\n"));
        assertTrue(Files.readString(units.resolve("app.service")).contains("# Install: systemctl --user link "
                + units.resolve("app.socket")));
        try (Stream<Path> files = Files.list(units)) {
            assertEquals(List.of("app.service", "app.socket"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "no temporary file stays");
        }
    }

    /** The longest name systemd takes: NAME.service is 255 bytes, as long as a file name can be. */
    @Test
    void theLongestUnitNameIsWritten() throws Exception {
        String name = "a".repeat(247);
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", name, "-p", "8080", "--", "cat");
        assertEquals(0, result.exit(), result.stderr());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(name + ".service", name + ".socket"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        verify(name);
    }

    /**
     * A control character in a --setenv value or an argument is refused, from an option and from
     * a file, as README says: the try-it line, printed with it escaped, would pass a backslash and
     * letters, not what the unit runs. One line naming the value and its source; nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--setenv", "catflap.setenv", "argument", "catflap.command"})
    void aControlCharacterInAVariableOrAnArgumentIsRefused(String where) throws Exception {
        Path file = dir.resolve(".catflap.properties");
        List<String> args = new ArrayList<>(List.of("--systemd-units", "app", "-p", "8080"));
        String expected = switch (where) {
            case "--setenv" -> {
                args.addAll(List.of("--setenv", "Z=\u001b[31mred", "--", "cat"));
                yield "[catflap] --setenv Z=\\e[31mred: its value holds a control character";
            }
            case "catflap.setenv" -> {
                Files.writeString(file, "catflap.setenv=Z=\"\\u001b[31mred\"\ncatflap.command=cat\n");
                yield "[catflap] " + file + ":1: catflap.setenv=Z=\"\\e[31mred\": its value holds a control character";
            }
            case "argument" -> {
                args.addAll(List.of("--", "cat", "a\u0001b"));
                yield "[catflap] command from the command line: the argument a\\x01b holds a control character";
            }
            default -> {
                Files.writeString(file, "catflap.command=cat \"a\\u0001b\"\n");
                yield "[catflap] " + file + ":1: catflap.command=cat \"a\\x01b\": the argument a\\x01b holds a control character";
            }
        };
        Catflap.Result result = Catflap.launcher().in(dir).run(args);
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith(expected + ", which catflap writes into no unit: the try-it line and the units' "
                + "comment could not show it as the service would get it"), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertFalse(Files.exists(dir.resolve("app.service")) || Files.exists(dir.resolve("app.socket")), "nothing written");
    }

    /** WorkingDirectory= cannot hold every name a directory can have: refused as a bad value, not an internal error. */
    @ParameterizedTest
    @ValueSource(strings = {"new\nline", "blank ", "backslash\\"})
    void aWorkingDirectoryAUnitCannotHoldIsRefused(String name) throws Exception {
        Path odd = Files.createDirectory(dir.resolve(name));
        Catflap.Result result = Catflap.launcher().in(odd).run("--systemd-units", "app", "-p", "8080", "--", "/bin/cat");
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] the working directory " + dir + "/"), result.stderr());
        assertTrue(result.stderr().contains(", the service's WorkingDirectory=: it "), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        try (Stream<Path> files = Files.list(odd)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    /**
     * catflap binds a relative Unix path as it is; the unit needs it absolute, where it may no
     * longer fit a socket address (systemd then ignores the Listen line): refused, naming the length.
     */
    @Test
    void aUnixPathTooLongOnceAbsoluteIsRefused() throws Exception {
        String relative = "s".repeat(108 - dir.toString().length());
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", "app", "-l", "unix:" + relative, "--", "cat");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] -l/--listen unix:" + relative + ": made absolute for systemd, " + dir.resolve(relative)
                + " is 109 bytes, more than the 107 a socket address holds: listen on a shorter path\n", result.stderr());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
        String fits = "s".repeat(106 - dir.toString().length());
        assertEquals(0, Catflap.launcher().in(dir).run("--systemd-units", "app", "-l", "unix:" + fits, "--", "cat").exit());
        verify("app");
    }

    /** A file of that name that catflap did not write is the user's: neither unit is written. */
    @Test
    void refusesToOverwriteAUnitItDidNotGenerateAndWritesNeither() throws Exception {
        Files.writeString(dir.resolve("app.service"), "[Service]\nExecStart=/bin/true\n");
        Catflap.Result result = Catflap.launcher().in(dir).run("--systemd-units", "app", "-p", "8080", "--", "cat");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + dir.resolve("app.service") + " exists and catflap did not generate it: move it "
                + "away, or write the units elsewhere (--unit-dir)\n", result.stderr());
        assertEquals("[Service]\nExecStart=/bin/true\n", Files.readString(dir.resolve("app.service")));
        assertFalse(Files.exists(dir.resolve("app.socket")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(List.of("--systemd-units", "my/app", "--", "cat"),
                        "--systemd-units my/app: not a valid unit name"),
                Arguments.of(List.of("--systemd-units", "app.service", "--", "cat"),
                        "--systemd-units app.service: give the name without .service"),
                Arguments.of(List.of("--systemd-units", "app", "--", "no-such-command-catflap"),
                        "command from the command line: no-such-command-catflap: command not found"),
                Arguments.of(List.of("--systemd-units", "app", "--", "./missing"),
                        "command from the command line: ./missing: no such file or directory"),
                Arguments.of(List.of("--systemd-units", "app"), "no command given"),
                Arguments.of(List.of("--systemd-units", "app", "-p", "0", "--", "cat"),
                        "-p/--port 0: port 0 picks another free port at each start, which a .socket unit cannot do"),
                Arguments.of(List.of("--systemd-units", "app", "-l", "[fe80::1%1]:8080", "--", "cat"),
                        "-l/--listen [fe80::1%1]:8080: systemd's Listen lines take no IPv6 scope (%1)"),
                Arguments.of(List.of("--systemd-units", "app", "--systemd", "--fdname", "web\\", "--", "cat"),
                        "--fdname web\\: it ends in a backslash, which continues a unit file's line"),
                Arguments.of(List.of("--systemd-units", "app", "-l", "unix:@", "--", "cat"),
                        "-l/--listen unix:@: unix:@ lets the kernel pick a name at each start"),
                Arguments.of(List.of("--systemd-units", "app", "-l", "127.0.0.1:8080", "-l", "127.0.0.1:8081", "--systemd",
                                "--fdname", "web", "--fdname", "admin", "--", "cat"),
                        "--fdname web --fdname admin: systemd gives all the sockets of a .socket unit one name"),
                Arguments.of(List.of("--systemd-units", "app", "-e", "LISTEN_FDS", "--", "cat"),
                        "-e/--env LISTEN_FDS: systemd sets LISTEN_FDS itself in the service; choose another name"),
                Arguments.of(List.of("--systemd-units", "app", "--unit-dir", "nowhere", "--", "cat"),
                        "--unit-dir nowhere: no such directory"),
                Arguments.of(List.of("--systemd-units", "app", "--unit-command", "cat", "--", "cat"),
                        "--unit-command and a COMMAND on the command line: give the production command once"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void refusesInOneLineAndWritesNothing(List<String> args, String message) throws Exception {
        Catflap.Result result = Catflap.launcher().in(dir).run(args);
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] " + message), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
        assertEquals("", result.stdout());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    /** Without --systemd-units the unit options would do nothing: refused as any option outside its mode. */
    @Test
    void aUnitOptionWithoutSystemdUnitsIsRefusedAndTheCommandDoesNotRun() {
        CoreIT.refused(Catflap.launcher(), dir, List.of("-p", "0", "--unit-dir", "."),
                "--unit-dir .: only applies with --systemd-units");
    }

    /**
     * The units are held to one --fdname per socket as --systemd is, by the same rule and in the
     * same words, also where the names wait in a variable for a mode (the units once said
     * "2 names for 1 sockets", counted apart).
     */
    @Test
    void namesForTheUnitsAreCountedAsForSystemd() throws IOException {
        Catflap.Result result = Catflap.launcher().in(dir).env("CATFLAP_FDNAME", "web,admin")
                .run("--systemd-units", "app", "-l", "127.0.0.1:8080", "--", "cat");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] CATFLAP_FDNAME=web,admin: 2 names for 1 socket (-l/--listen 127.0.0.1:8080): "
                + "give one --fdname per socket, in order\n", result.stderr());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    /**
     * The units' own "try it" line, run as written: systemd-socket-activate gives the example
     * server the same socket and variable as catflap (on fd 0 for --stdin), and the unchanged
     * server answers the same.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"python", "java --stdin"})
    void theExampleServerAnswersUnderSystemdSocketActivateAsUnderCatflap(String example) throws Exception {
        assertTrue(Files.isExecutable(SOCKET_ACTIVATE), "systemd-socket-activate is missing: install Debian's systemd");
        int port = freePort();
        List<String> run = new ArrayList<>(List.of("-l", "127.0.0.1:" + port));
        run.addAll(example.equals("python")
                ? List.of("--", onPath("python3"), Path.of("examples/python/server.py").toAbsolutePath().toString())
                : List.of("--stdin", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        Path.of("examples/java/InheritedChannelServer.java").toAbsolutePath().toString()));

        HelloReply underCatflap;
        try (Catflap.Running catflap = Catflap.launcher().in(dir).start(run)) {
            catflap.awaitPort();
            underCatflap = HelloReply.of(Http.get(port));
        }

        List<String> generate = new ArrayList<>(List.of("--systemd-units", "hello"));
        generate.addAll(run);
        Catflap.Result generated = Catflap.launcher().in(dir).run(generate);
        assertEquals(0, generated.exit(), generated.stderr());
        String tryLine = unit("hello.socket").lines().filter(line -> line.startsWith(TRY_LINE)).findFirst()
                .orElseThrow().substring(TRY_LINE.length());
        String handoff = example.equals("python") ? " --fdname=tcp --setenv=LISTEN_FD=3 -- " : " --setenv=LISTEN_FD=0 -- ";
        assertTrue(tryLine.contains("--listen=127.0.0.1:" + port + handoff + run.get(run.indexOf("--") + 1)), tryLine);
        assertTrue(generated.stderr().contains("[catflap] try them: " + tryLine + "\n"), generated.stderr());

        Process activated = new ProcessBuilder("sh", "-c", tryLine).redirectErrorStream(true)
                .redirectOutput(dir.resolve("activate.log").toFile()).start();
        try {
            // it listens, then starts the server on the first connection
            awaitLine(dir.resolve("activate.log"), "Listening on 127.0.0.1:" + port + " as 3.");
            HelloReply reply = HelloReply.of(Http.get(port));
            assertEquals(underCatflap.language(), reply.language());
            assertTrue(activated.descendants().anyMatch(process -> process.pid() == reply.pid())
                    || activated.pid() == reply.pid(), "served by the activated server: " + reply);
        } finally {
            activated.descendants().forEach(ProcessHandle::destroy);
            activated.destroy();
            activated.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** catflap run with umask 027, so that the Unix sockets' SocketMode= shows it comes from the umask. */
    private Catflap.Result underUmask027(List<String> args) {
        Catflap catflap = Catflap.launcher().in(dir);
        List<String> commandLine = new ArrayList<>(List.of("sh", "-c", "umask 027 && exec \"$@\"", "sh"));
        commandLine.addAll(catflap.commandLine(args));
        return catflap.runDirectly(commandLine);
    }

    /** systemd's parser on both units, as systemd would load them from this directory: not a word. */
    private void verify(String name) throws IOException, InterruptedException {
        verifyIn(dir, name);
    }

    static void verifyIn(Path dir, String name) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is missing: install Debian's systemd");
        ProcessBuilder builder = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", "--man=no", "--generators=no",
                dir.resolve(name + ".socket").toString(), dir.resolve(name + ".service").toString())
                .redirectErrorStream(true);
        // the directory first, then the built-in unit paths (the empty element): sockets.target and the like
        builder.environment().put("SYSTEMD_UNIT_PATH", dir + ":");
        Process verify = builder.start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", output, "systemd-analyze verify");
        assertEquals(0, verify.exitValue(), output);
    }

    private static void awaitLine(Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (!Files.readString(log).contains(line + "\n")) {
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in: " + Files.readString(log));
            Thread.sleep(20);
        }
    }

    private String unit(String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The absolute path of {@code command} on PATH, as catflap's search finds it. */
    private static String onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize().toString();
            }
        }
        Assumptions.abort(command + " is not on PATH (.ci/run installs it)");
        return null;
    }

    /** A server the units may name: a script that runs, whatever its directory's name. */
    private static void executableScript(Path path) throws IOException {
        Files.writeString(path, "#!/bin/sh\nexec cat\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
