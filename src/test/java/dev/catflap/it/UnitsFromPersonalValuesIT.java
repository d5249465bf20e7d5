package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23, finding 4, acted out as a team would: a git repository with a committed
 * .catflap.properties that develops with a watcher and deploys to deploy/ (which a fresh clone
 * lacks), one developer with CATFLAP_PORT exported, a user file under XDG_CONFIG_HOME, a local
 * file and python3 from a pyenv shim in the home, generating the units from tests/. What the
 * developer's own sources put in the units is named, the development settings are left out in
 * one notice, the units pass systemd-analyze verify and the try-it line serves.
 */
class UnitsFromPersonalValuesIT {
    private static final String TRY_LINE = "# Try it without installing: ";
    private static final String TEAM_FILE = """
            catflap.port=8080
            catflap.watch=src
            catflap.ignore=*.pyc
            catflap.grace=2
            catflap.debounce=300ms
            catflap.command=python3 src/webapp/server.py
            catflap.unit-dir=deploy
            """;

    @TempDir
    Path temp;
    Path home;
    Path config;
    Path repository;
    Path tests;
    Path shim;

    @BeforeEach
    void aClonedRepository() throws IOException, InterruptedException {
        home = Files.createDirectories(temp.resolve("home/dev"));
        config = Files.createDirectories(temp.resolve("xdg"));
        repository = Files.createDirectories(temp.resolve("webapp"));
        tests = Files.createDirectories(repository.resolve("tests"));
        Path server = Files.createDirectories(repository.resolve("src/webapp")).resolve("server.py");
        Files.copy(Path.of("examples/python/server.py").toAbsolutePath(), server);
        Files.writeString(tests.resolve("test_server.py"), "# the team's tests\n");
        Files.writeString(repository.resolve(".catflap.properties"), TEAM_FILE);
        Files.writeString(repository.resolve(".gitignore"), ".catflap.local.properties\ndeploy/*.service\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=Team", "-c", "user.email=team@example.org", "commit", "-q", "-m", "team defaults");
        assertFalse(Files.exists(repository.resolve("deploy")), "git keeps no empty directory");

        // pyenv's shim, first on the developer's PATH: it runs the real python3
        shim = Files.createDirectories(home.resolve(".pyenv/shims")).resolve("python3");
        Files.writeString(shim, "#!/bin/sh\nexec " + realPython3() + " \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theDevelopersOwnValuesAreNamedAndTheDevelopmentSettingsLeftOut() throws Exception {
        int port = freePort();
        Path userFile = Files.createDirectories(config.resolve("catflap")).resolve("config.properties");
        Files.writeString(userFile, "catflap.host=127.0.0.1\n");
        Path localFile = Files.writeString(repository.resolve(".catflap.local.properties"), "catflap.backlog=64\n");
        Catflap catflap = developer().env("CATFLAP_PORT", Integer.toString(port));

        Catflap.Result result = catflap.run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stdout());
        String listen = "ListenStream=127.0.0.1:" + port;
        List<String> lines = result.stderr().lines().toList();
        assertTrue(lines.contains("[catflap] warning: " + listen + " comes from catflap.host in your user file " + userFile
                + ":1, not from the project"), result.stderr());
        assertTrue(lines.contains("[catflap] warning: " + listen + " comes from CATFLAP_PORT in your environment, not from "
                + "the project"), result.stderr());
        assertTrue(lines.contains("[catflap] warning: Backlog=64 comes from catflap.backlog in your local file " + localFile
                + ":1, not from the project"), result.stderr());
        assertEquals(3, lines.stream().filter(line -> line.contains(", not from the project")).count(),
                "the team file's command and unit-dir are no warning: " + result.stderr());
        assertTrue(lines.contains("[catflap] warning: ExecStart= runs " + shim + ", inside your home " + home + ", which the "
                + "service may not have (another user, ProtectHome=, no shell's setup for a shim): give the production "
                + "command with a system path, --unit-command (or catflap.unit-command)"), result.stderr());
        assertEquals(List.of("[catflap] left out of the units: --watch, --ignore, --grace, --debounce (for development: "
                + "systemd supervises the service itself, and stops it with its own TimeoutStopSec=)"),
                lines.stream().filter(line -> line.contains("left out")).toList(), result.stderr());
        Path deploy = repository.resolve("deploy");
        assertTrue(lines.contains("[catflap] made the directory " + deploy + " in the project"), result.stderr());

        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(deploy)), "0755 less the umask (022)");
        String socket = Files.readString(deploy.resolve("webapp.socket"));
        String service = Files.readString(deploy.resolve("webapp.service"));
        assertTrue(socket.contains("\n" + listen + "\n"), socket);
        assertTrue(socket.contains("\nBacklog=64\n"), socket);
        assertTrue(service.contains("\nExecStart=" + shim + " src/webapp/server.py\n"), service);
        assertTrue(service.contains("\nWorkingDirectory=" + repository + "\n"), service);
        assertFalse(service.contains("\nTimeoutStopSec="), "the team's development grace is no production stop timeout: " + service);
        assertTrue(service.contains("\n# Left out: --watch, --ignore, --grace, --debounce (for development"), service);
        SystemdUnitsIT.verifyIn(deploy, "webapp");
        tryIt(deploy, port);
    }

    /**
     * Each personal source on its own, into a deploy/ that exists: one warning, naming the line
     * and the source; an empty variable that unsets the team's port is named too, as the
     * default it leaves is the developer's doing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CATFLAP_PORT", "CATFLAP_PORT=", "user file", "local file", "CATFLAP_COMMAND"})
    void eachPersonalSourceIsNamedWithTheLineItMade(String source) throws Exception {
        Files.createDirectory(repository.resolve("deploy"));
        Path userFile = Files.createDirectories(config.resolve("catflap")).resolve("config.properties");
        Path localFile = repository.resolve(".catflap.local.properties");
        Catflap catflap = developer();
        String expected = switch (source) {
            case "CATFLAP_PORT" -> {
                catflap.env("CATFLAP_PORT", "9003");
                yield "ListenStream=127.0.0.1:9003 comes from CATFLAP_PORT in your environment";
            }
            case "CATFLAP_PORT=" -> {
                catflap.env("CATFLAP_PORT", "");
                yield "ListenStream=127.0.0.1:5000 comes from CATFLAP_PORT= in your environment";
            }
            case "user file" -> {
                Files.writeString(userFile, "catflap.host=0.0.0.0\ncatflap.port=1234\n");
                yield "ListenStream=0.0.0.0:8080 comes from catflap.host in your user file " + userFile + ":1";
            }
            case "local file" -> {
                Files.writeString(localFile, "catflap.port=9002\ncatflap.env=APP_FD\n");
                yield "ListenStream=127.0.0.1:9002 comes from catflap.port in your local file " + localFile + ":1, not from "
                        + "the project\n[catflap] warning: Environment=APP_FD=3 comes from catflap.env in your local file " + localFile
                        + ":2";
            }
            default -> {
                catflap.env("CATFLAP_COMMAND", "cat -u");
                yield "ExecStart=" + onPath("cat") + " -u comes from CATFLAP_COMMAND in your environment";
            }
        };
        Catflap.Result result = catflap.run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[catflap] warning: " + expected + ", not from the project\n", result.stderr().lines()
                .filter(line -> line.endsWith(", not from the project")).map(line -> line + "\n").reduce("", String::concat),
                result.stderr());
        SystemdUnitsIT.verifyIn(repository.resolve("deploy"), "webapp");
    }

    /**
     * Lists add up across sources: where the team file gives a socket and a variable and the
     * developer's own sources add one each, only the added ones are named; and a personal
     * --workdir is named with the WorkingDirectory= it made.
     */
    @Test
    void onlyTheElementsAPersonalSourceAddedToAListAreNamed() throws Exception {
        Files.createDirectory(repository.resolve("deploy"));
        int team = freePort();
        int own = freePort();
        Files.writeString(repository.resolve(".catflap.properties"), TEAM_FILE.replace("catflap.port=8080",
                "catflap.listen=127.0.0.1:" + team + "\ncatflap.setenv=MODE=production"));
        Path localFile = Files.writeString(repository.resolve(".catflap.local.properties"), "catflap.setenv=DEBUG=1\n");
        Catflap catflap = developer().env("CATFLAP_LISTEN", "127.0.0.1:" + own).env("CATFLAP_WORKDIR", repository.resolve("src").toString());

        Catflap.Result result = catflap.run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        List<String> warnings = result.stderr().lines().filter(line -> line.endsWith(", not from the project")).toList();
        assertEquals(List.of("[catflap] warning: ListenStream=127.0.0.1:" + own + " comes from CATFLAP_LISTEN in your environment, "
                        + "not from the project",
                "[catflap] warning: Environment=DEBUG=1 comes from catflap.setenv in your local file " + localFile
                        + ":1, not from the project",
                "[catflap] warning: WorkingDirectory=" + repository.resolve("src") + " comes from CATFLAP_WORKDIR in your "
                        + "environment, not from the project"), warnings, result.stderr());
        String service = Files.readString(repository.resolve("deploy/webapp.service"));
        assertTrue(service.contains("\nEnvironment=MODE=production\n") && service.contains("\nEnvironment=DEBUG=1\n"), service);
        String socket = Files.readString(repository.resolve("deploy/webapp.socket"));
        assertTrue(socket.contains("\nListenStream=127.0.0.1:" + team + "\n") && socket.contains("\nListenStream=127.0.0.1:" + own + "\n"),
                socket);
        SystemdUnitsIT.verifyIn(repository.resolve("deploy"), "webapp");
    }

    /**
     * A personal source that empties the team's values changes the units as much as one that sets
     * them: each unit line it changed or took away is named with the source (the file's line, or
     * the variable), and the header names the source. The team's production command, backlog,
     * variable, working directory, socket name and --stdin, emptied from the local file or from
     * variables.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local file", "variables"})
    void aPersonalSourceThatEmptiesTheTeamsValuesIsNamed(String where) throws Exception {
        Path deploy = Files.createDirectory(repository.resolve("deploy"));
        Files.createDirectories(repository.resolve("src"));
        Files.writeString(repository.resolve(".catflap.properties"), TEAM_FILE.replace("catflap.command=python3 src/webapp/server.py",
                "catflap.command=/usr/bin/python3 app.py --reload\ncatflap.unit-command=/usr/bin/python3 app.py\n"
                + "catflap.backlog=128\ncatflap.setenv=MODE=prod\ncatflap.workdir=src\ncatflap.fdname=web\ncatflap.stdin=true"));
        Path localFile = repository.resolve(".catflap.local.properties");
        Catflap catflap = developer();
        List<String> keys = List.of("unit-command", "backlog", "setenv", "workdir", "fdname", "stdin");
        List<String> by = new ArrayList<>();
        if (where.equals("local file")) {
            Files.writeString(localFile, String.join("", keys.stream().map(key -> "catflap." + key + "=\n").toList()));
            keys.forEach(key -> by.add("catflap." + key + "= in your local file " + localFile + ":" + (keys.indexOf(key) + 1)));
        } else {
            keys.forEach(key -> catflap.env("CATFLAP_" + key.toUpperCase().replace('-', '_'), ""));
            keys.forEach(key -> by.add("CATFLAP_" + key.toUpperCase().replace('-', '_') + "= in your environment"));
        }

        Catflap.Result result = catflap.run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of(
                "[catflap] warning: FileDescriptorName=tcp comes from " + by.get(4) + ", not from the project",
                "[catflap] warning: ExecStart=/usr/bin/python3 app.py --reload comes from " + by.get(0) + ", not from the project",
                "[catflap] warning: Environment=LISTEN_FD=3 comes from " + by.get(5) + ", not from the project",
                "[catflap] warning: WorkingDirectory=" + repository + " comes from " + by.get(3) + ", not from the project",
                "[catflap] warning: the project's Backlog=128 is not in the units: " + by.get(1) + " unset it",
                "[catflap] warning: the project's Environment=MODE=prod is not in the units: " + by.get(2) + " cleared it",
                "[catflap] warning: the project's StandardInput=socket is not in the units: " + by.get(5) + " unset it"),
                result.stderr().lines().filter(line -> line.startsWith("[catflap] warning: ") && !line.contains("inside your home"))
                        .toList(), result.stderr());
        String service = Files.readString(deploy.resolve("webapp.service"));
        assertTrue(service.contains("\nExecStart=/usr/bin/python3 app.py --reload\n"), service);
        assertFalse(service.contains("MODE=prod") || service.contains("StandardInput="), service);
        String header = service.lines().findFirst().orElseThrow();
        String source = where.equals("local file") ? localFile + " (catflap.backlog=, catflap.fdname=, catflap.stdin=, "
                + "catflap.setenv=, catflap.workdir=, catflap.unit-command=)"
                : "CATFLAP_BACKLOG (catflap.backlog=), CATFLAP_FDNAME (catflap.fdname=)";
        assertTrue(header.contains(source), header);
        String socket = Files.readString(deploy.resolve("webapp.socket"));
        assertFalse(socket.contains("Backlog="), socket);
        SystemdUnitsIT.verifyIn(deploy, "webapp");
    }

    /** A variable that clears the team's sockets with an empty element, and adds its own: the team's socket it took is named. */
    @Test
    void aListClearedByAnEmptyElementNamesWhatItTook() throws Exception {
        Files.createDirectory(repository.resolve("deploy"));
        int team = freePort();
        int own = freePort();
        Files.writeString(repository.resolve(".catflap.properties"), TEAM_FILE.replace("catflap.port=8080",
                "catflap.listen=127.0.0.1:" + team + "\ncatflap.setenv=MODE=prod,KEEP=1"));
        Catflap.Result result = developer().env("CATFLAP_LISTEN", ",127.0.0.1:" + own).env("CATFLAP_SETENV", ",KEEP=1")
                .run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of("[catflap] warning: ListenStream=127.0.0.1:" + own + " comes from CATFLAP_LISTEN in your environment, "
                        + "not from the project",
                "[catflap] warning: Environment=KEEP=1 comes from CATFLAP_SETENV in your environment, not from the project",
                "[catflap] warning: the project's ListenStream=127.0.0.1:" + team + " is not in the units: CATFLAP_LISTEN in your "
                        + "environment cleared it",
                "[catflap] warning: the project's Environment=MODE=prod is not in the units: CATFLAP_SETENV in your environment "
                        + "cleared it"),
                result.stderr().lines().filter(line -> line.startsWith("[catflap] warning: ") && !line.contains("inside your home"))
                        .toList(), result.stderr());
    }

    /** An empty CATFLAP_LISTEN that clears the team's sockets is named on the -h/-p socket it leaves in their place. */
    @Test
    void aVariableThatClearsTheTeamsSocketsIsNamed() throws Exception {
        Files.createDirectory(repository.resolve("deploy"));
        int team = freePort();
        Files.writeString(repository.resolve(".catflap.properties"), TEAM_FILE.replace("catflap.port=8080",
                "catflap.listen=127.0.0.1:" + team));
        Catflap.Result result = developer().env("CATFLAP_LISTEN", "").run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of("[catflap] warning: ListenStream=127.0.0.1:5000 comes from CATFLAP_LISTEN= in your environment, "
                + "not from the project"), result.stderr().lines().filter(line -> line.endsWith(", not from the project")).toList(),
                result.stderr());
        assertTrue(result.stderr().contains("[catflap] warning: the project's ListenStream=127.0.0.1:" + team + " is not in the "
                + "units: CATFLAP_LISTEN= in your environment cleared it\n"), result.stderr());
        SystemdUnitsIT.verifyIn(repository.resolve("deploy"), "webapp");
    }

    /**
     * The same values typed as options, or given by the team file, are chosen on purpose: no
     * warning; a production command with a system path draws none either.
     */
    @Test
    void optionsTheTeamFileAndASystemCommandDrawNoWarning() throws Exception {
        int port = freePort();
        Path userFile = Files.createDirectories(config.resolve("catflap")).resolve("config.properties");
        Files.writeString(userFile, "catflap.host=127.0.0.2\n");
        Files.writeString(repository.resolve(".catflap.local.properties"), "catflap.backlog=64\n");
        Catflap catflap = developer().env("CATFLAP_PORT", "9003");

        Catflap.Result result = catflap.run("--systemd-units", "webapp", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "--backlog", "32", "--unit-command", realPython3() + " src/webapp/server.py");
        assertEquals(0, result.exit(), result.stderr());
        assertFalse(result.stderr().contains("warning"), result.stderr());
        String socket = Files.readString(repository.resolve("deploy/webapp.socket"));
        assertTrue(socket.contains("\nListenStream=127.0.0.1:" + port + "\nFileDescriptorName=tcp\nBacklog=32\n"), socket);
        SystemdUnitsIT.verifyIn(repository.resolve("deploy"), "webapp");
    }

    /**
     * A file named with --config is chosen on purpose, also where it is the user file itself
     * (then read as the user file too, below --config's): its values are --config's and draw no
     * warning, as the team file's would not. Which source gave a value is the source's, not
     * found by comparing its path with the user file's.
     */
    @Test
    void theUserFileNamedWithConfigIsChosenOnPurpose() throws Exception {
        Path deploy = Files.createDirectory(repository.resolve("deploy"));
        int port = freePort();
        Path userFile = Files.createDirectories(config.resolve("catflap")).resolve("config.properties");
        Files.writeString(userFile, "catflap.port=" + port + "\ncatflap.backlog=64\ncatflap.command=cat -u\n");

        Catflap.Result result = developer().run("--systemd-units", "webapp", "--config", userFile.toString(),
                "--unit-dir", deploy.toString());
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of(), result.stderr().lines().filter(line -> line.contains("not from the project")).toList(),
                result.stderr());
        String socket = Files.readString(deploy.resolve("webapp.socket"));
        assertTrue(socket.contains("\nListenStream=127.0.0.1:" + port + "\n") && socket.contains("\nBacklog=64\n"), socket);
        assertTrue(Files.readString(deploy.resolve("webapp.service")).contains("\nExecStart=" + onPath("cat") + " -u\n"));
        SystemdUnitsIT.verifyIn(deploy, "webapp");
    }

    /** Several missing directories inside the project, made one in the other; the team file's relative path is the project's. */
    @Test
    void aDeeperUnitDirectoryInsideTheProjectIsMadeWholeFromASubdirectory() throws Exception {
        Files.writeString(repository.resolve(".catflap.properties"), TEAM_FILE.replace("unit-dir=deploy", "unit-dir=deploy/systemd"));
        Catflap.Result result = developer().run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        Path units = repository.resolve("deploy/systemd");
        assertTrue(Files.isRegularFile(units.resolve("webapp.service")), result.stderr());
        assertFalse(Files.exists(tests.resolve("deploy")), "relative to the team file, not to tests/");
        SystemdUnitsIT.verifyIn(units, "webapp");
    }

    /**
     * Anything else missing is refused in one line naming the path and where it came from, and
     * nothing is made: a path outside the project from the team file, an option or a variable,
     * and one inside the project only through '..'.
     */
    @Test
    void aMissingUnitDirectoryOutsideTheProjectIsRefusedAndNothingIsMade() throws Exception {
        Path outside = temp.resolve("elsewhere/units");
        String refusal = ": no such directory " + outside + "; catflap makes a missing unit directory only inside the "
                + "project (" + repository + "): make it, or choose another\n";

        Catflap.Result option = developer().run("--systemd-units", "webapp", "--unit-dir", outside.toString());
        assertEquals(2, option.exit(), option.stderr());
        assertEquals("[catflap] --unit-dir " + outside + refusal, option.stderr());

        Catflap.Result variable = developer().env("CATFLAP_UNIT_DIR", outside.toString()).run("--systemd-units", "webapp");
        assertEquals(2, variable.exit(), variable.stderr());
        assertEquals("[catflap] CATFLAP_UNIT_DIR=" + outside + refusal, variable.stderr());

        Path teamFile = repository.resolve(".catflap.properties");
        Files.writeString(teamFile, TEAM_FILE.replace("unit-dir=deploy", "unit-dir=../elsewhere/units"));
        Catflap.Result file = developer().run("--systemd-units", "webapp");
        assertEquals(2, file.exit(), file.stderr());
        assertEquals("[catflap] " + teamFile + ":7: catflap.unit-dir=../elsewhere/units" // as written
                + ": no such directory " + outside + "; catflap makes a missing unit directory only inside the project ("
                + repository + "): make it, or choose another\n", file.stderr());

        // each with the first directory missing and the part still to be made, which holds the dots
        for (List<Object> dots : List.<List<Object>>of(List.of("../new/../deploy", repository.resolve("new"), "new/../deploy"),
                List.of("nd1/../nd2", tests.resolve("nd1"), "nd1/../nd2"), List.of("new/./deploy", tests.resolve("new"), "new/./deploy"))) {
            Catflap.Result up = developer().run("--systemd-units", "webapp", "--unit-dir", dots.get(0).toString());
            assertEquals(2, up.exit(), up.stderr());
            assertEquals("[catflap] --unit-dir " + dots.get(0) + ": no such directory " + dots.get(1) + "; catflap makes no missing "
                    + "directory through . or .. (" + dots.get(2) + " is still to be made, and what .. leaves depends on what "
                    + "is not there yet): name it without them, or make it\n", up.stderr());
        }

        assertFalse(Files.exists(temp.resolve("elsewhere")), "nothing made outside");
        assertFalse(Files.exists(repository.resolve("new")) || Files.exists(tests.resolve("new")), "nothing made inside");
        assertFalse(Files.exists(tests.resolve("nd1")) || Files.exists(tests.resolve("nd2")), "nothing made inside");
        assertFalse(Files.exists(repository.resolve("deploy")), "nothing made inside");
    }

    /**
     * A . or .. above the first missing directory is resolved as in any existing path: from
     * tests/, ../deploy2/x and ./dot/x are made in the project (README says so).
     */
    @Test
    void dotsAboveTheMissingDirectoriesAreResolved() throws Exception {
        for (String given : List.of("../deploy2/x", "./dot/x")) {
            Catflap.Result result = developer().run("--systemd-units", "webapp", "--unit-dir", given);
            assertEquals(0, result.exit(), result.stderr());
            Path made = tests.resolve(given).normalize();
            assertTrue(Files.isRegularFile(made.resolve("webapp.service")), result.stderr());
            assertTrue(result.stderr().contains("[catflap] made the directory " + made + " in the project\n"), result.stderr());
        }
    }

    /**
     * With HOME unset (env -u HOME, a bare cron job), the home is the password database's: a shim
     * in it is named all the same. The shim goes in a directory of its own in this user's real
     * home, removed afterwards.
     */
    @Test
    void withHomeUnsetAShimInThePasswordDatabasesHomeIsNamed() throws Exception {
        Path passwdHome = Path.of(System.getProperty("user.home")).toRealPath();
        Path own = Files.createTempDirectory(passwdHome, ".catflap-it-");
        try {
            Path shims = Files.createDirectories(own.resolve(".pyenv/shims"));
            Path inHome = Files.copy(shim, shims.resolve("python3"));
            Catflap catflap = developer().env("PATH", shims + ":" + System.getenv("PATH"));
            catflap.environment().remove("HOME");
            Catflap.Result result = catflap.run("--systemd-units", "webapp");
            assertEquals(0, result.exit(), result.stderr());
            assertTrue(result.stderr().contains("[catflap] warning: ExecStart= runs " + inHome + ", inside your home " + passwdHome
                    + ", which the service may not have"), result.stderr());
        } finally {
            try (Stream<Path> files = Files.walk(own)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A link outside the home to an executable inside it (/usr/local/bin/x -> ~/tools/x) is named with its target. */
    @Test
    void aLinkIntoTheHomeIsNamedWithItsTarget() throws Exception {
        Path tool = Files.copy(shim, Files.createDirectories(home.resolve("tools")).resolve("python3"));
        Path bin = Files.createDirectories(temp.resolve("usr/local/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("python3"), tool);
        Catflap.Result result = developer().env("PATH", bin + ":" + System.getenv("PATH")).run("--systemd-units", "webapp");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stderr().contains("[catflap] warning: ExecStart= runs " + link + " (a link to " + tool.toRealPath()
                + "), inside your home " + home + ", which the service may not have"), result.stderr());
    }

    /** A link in the project named as the unit directory, leading nowhere: never made through. */
    @Test
    void aLinkToNothingIsNotMadeThrough() throws Exception {
        Files.createSymbolicLink(repository.resolve("deploy"), temp.resolve("planted"));
        Catflap.Result result = developer().run("--systemd-units", "webapp");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + repository.resolve(".catflap.properties") + ":7: catflap.unit-dir=deploy" // as written
                + ": no such directory: " + repository.resolve("deploy") + " is a link to nothing\n", result.stderr());
        assertFalse(Files.exists(temp.resolve("planted")));
    }

    /**
     * A directory of the project that others may write to, not sticky: refused before anything is
     * made in it, as the unit directory's parents always were judged.
     */
    @Test
    void aDirectoryOthersMayWriteToGetsNoNewDirectory() throws Exception {
        Path shared = Files.createDirectory(repository.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Catflap.Result result = developer().run("--systemd-units", "webapp", "--unit-dir", "../shared/deploy");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] --unit-dir ../shared/deploy: every user may write to " + shared + ", which is not sticky, "
                + "and rename deploy away, so another user could change what the units you link from it run: write them "
                + "in a directory that only you can write to\n", result.stderr());
        assertFalse(Files.exists(shared.resolve("deploy")), "nothing made");
    }

    /** The units' own try-it line, run as written from anywhere: the team's server answers on the developer's port. */
    private void tryIt(Path deploy, int port) throws Exception {
        String tryLine = Files.readString(deploy.resolve("webapp.socket")).lines().filter(line -> line.startsWith(TRY_LINE))
                .findFirst().orElseThrow().substring(TRY_LINE.length());
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", tryLine).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("activate.log").toFile());
        Process activated = builder.start();
        try {
            long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
            while (!Files.readString(temp.resolve("activate.log")).contains("Listening on 127.0.0.1:" + port + " as 3.")) {
                assertTrue(System.nanoTime() < deadline, Files.readString(temp.resolve("activate.log")));
                Thread.sleep(20);
            }
            HelloReply reply = HelloReply.of(Http.get(port));
            assertEquals("python", reply.language());
        } finally {
            activated.descendants().forEach(ProcessHandle::destroy);
            activated.destroy();
            activated.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The developer, in tests/: their home, user file location, and pyenv's shims first on PATH. */
    private Catflap developer() {
        Catflap catflap = Catflap.launcher().in(tests).env("HOME", home.toString()).env("XDG_CONFIG_HOME", config.toString())
                .env("PATH", shim.getParent() + ":" + System.getenv("PATH"));
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).inheritIO().start();
        assertTrue(git.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, git.exitValue(), String.join(" ", command));
    }

    /** The python3 that a shim would run: the interpreter itself, wherever PATH finds it. */
    private static String realPython3() throws IOException, InterruptedException {
        Process python = new ProcessBuilder("python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))").start();
        String path = new String(python.getInputStream().readAllBytes()).strip();
        assertEquals(0, python.waitFor());
        return Stream.of("/usr/bin/python3").filter(system -> Files.isExecutable(Path.of(system))).findFirst().orElse(path);
    }

    /** The absolute path of {@code command} on PATH, as catflap's search finds it. */
    private static String onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().normalize().toString();
            }
        }
        throw new AssertionError(command + " is not on PATH");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
