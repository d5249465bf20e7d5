package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the command runs (issue 23, finding 2), as a team meets it: a repository with a committed
 * team file whose command names a script by a path relative to the repository, catflap started
 * from one of its subdirectories. The team's command runs in the team file's directory (as npm
 * run runs a script in package.json's); a command the user gives (command line, CATFLAP_COMMAND,
 * user file) runs where the user is.
 */
class CommandDirectoryIT {
    /**
     * python3 itself, not whatever is on PATH: a pyenv shim is a bash script, and bash sets PWD
     * to its directory whatever it was given.
     */
    private static final String PYTHON = Catflap.interpreterProbe().get(0);

    @TempDir
    Path temp;

    Path repo;
    Path tests;
    Path configHome;

    @BeforeEach
    void repository() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo")).toRealPath();
        tests = Files.createDirectories(repo.resolve("tests"));
        configHome = Files.createDirectories(temp.resolve("xdg"));
        Path tools = Files.createDirectories(repo.resolve("tools"));
        Files.writeString(tools.resolve("where.py"), Catflap.WHERE_SCRIPT);
        Path script = tools.resolve("where");
        Files.writeString(script, "#!" + PYTHON + "\n" + Catflap.WHERE_SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void teamFile(String command) throws IOException {
        Files.writeString(repo.resolve(".catflap.properties"), "catflap.port=0\ncatflap.command=" + command + "\n");
    }

    private Catflap fromTests() {
        return Catflap.launcher().in(tests).env("PWD", tests.toString()).env("HOME", temp.toString())
                .env("XDG_CONFIG_HOME", configHome.toString());
    }

    /** A developer's own command in the local file beside the team file runs there too: it is the project's. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void theLocalFilesCommandRunsInTheProjectDirectory(String mode) throws IOException {
        Files.writeString(repo.resolve(".catflap.properties"), "catflap.port=0\n");
        Files.writeString(repo.resolve(".catflap.local.properties"), "catflap.command=" + PYTHON + " tools/where.py\n");
        Catflap.Result result = fromTests().run(Catflap.quietIn(mode));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(repo + "\n" + repo + "\n", result.stdout());
    }

    /** The case: python3 src/webapp/server.py from tests/ looked for tests/src/webapp/server.py. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void theTeamFilesCommandRunsInTheFilesDirectoryWithItsPwd(String mode) throws IOException {
        teamFile(PYTHON + " tools/where.py");
        Catflap.Result result = fromTests().run(Catflap.quietIn(mode));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(repo + "\n" + repo + "\n", result.stdout());
    }

    /** A relative executable (./tools/where) is the file catflap's search finds there too, not only the command's arguments. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void theTeamFilesRelativeExecutableIsFoundInTheFilesDirectory(String mode) throws IOException {
        teamFile("./tools/where");
        Catflap.Result result = fromTests().run(Catflap.quietIn(mode));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(repo + "\n" + repo + "\n", result.stdout());
    }

    /** Where the caller had no PWD, the command gets none either: catflap adds no variable. */
    @Test
    void noPwdIsAddedWhereTheCallerHadNone() throws IOException {
        teamFile(PYTHON + " tools/where.py");
        Catflap.Result result = fromTests().withoutEnv("PWD").run(Catflap.quietIn("--spawn"));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(repo + "\n(unset)\n", result.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void aCommandOnTheCommandLineRunsWhereTheUserIs(String mode) throws IOException {
        teamFile(PYTHON + " tools/where.py");
        Catflap.Result result = fromTests().run(Catflap.quietIn(mode, "--", PYTHON, "../tools/where.py"));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(tests + "\n" + tests + "\n", result.stdout());
    }

    /** CATFLAP_COMMAND and the user file are the user's own: their command runs where the user is. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CATFLAP_COMMAND", "user file"})
    void theUsersOwnCommandRunsWhereTheUserIs(String where) throws IOException {
        Files.writeString(repo.resolve(".catflap.properties"), "catflap.port=0\n");
        String command = PYTHON + " " + repo.resolve("tools/where.py");
        Catflap catflap = fromTests();
        if (where.equals("CATFLAP_COMMAND")) {
            catflap.env("CATFLAP_COMMAND", command);
        } else {
            Files.createDirectories(configHome.resolve("catflap"));
            Files.writeString(configHome.resolve("catflap/config.properties"), "catflap.command=" + command + "\n");
        }
        Catflap.Result result = catflap.run(Catflap.quietIn("exec"));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(tests + "\n" + tests + "\n", result.stdout());
    }

    @Test
    void showConfigSaysWhereTheCommandRuns() throws IOException {
        teamFile(PYTHON + " tools/where.py");
        Catflap.Result team = fromTests().run("--show-config");
        assertEquals(0, team.exit(), team.stderr());
        assertTrue(team.stdout().contains("\ncommand runs in: " + repo + " (the directory of the project file, which gives "
                + "catflap.command)\n"), team.stdout());
        Files.writeString(repo.resolve(".catflap.local.properties"), "catflap.command=" + PYTHON + " tools/where.py\n");
        Catflap.Result local = fromTests().run("--show-config");
        assertTrue(local.stdout().contains("\ncommand runs in: " + repo + " (the directory of the local file, which gives "
                + "catflap.command)\n"), local.stdout());
        Files.delete(repo.resolve(".catflap.local.properties"));
        Catflap.Result own = fromTests().run("--show-config", "--", PYTHON, "../tools/where.py");
        assertEquals(0, own.exit(), own.stderr());
        assertTrue(own.stdout().contains("\ncommand runs in: " + tests + " (where catflap runs)\n"), own.stdout());
    }

    /** The service runs where the team's command runs, and the try-it line goes there; systemd reads the units as they are. */
    @Test
    void theUnitsFromASubdirectoryRunTheTeamsCommandInTheFilesDirectory() throws Exception {
        Files.writeString(repo.resolve(".catflap.properties"), """
                catflap.port=8080
                catflap.command=%s tools/where.py
                catflap.unit-dir=deploy
                """.formatted(PYTHON));
        Path deploy = Files.createDirectory(repo.resolve("deploy"));
        Catflap.Result result = fromTests().run("--systemd-units", "app");
        assertEquals(0, result.exit(), result.stderr());
        String service = Files.readString(deploy.resolve("app.service"));
        assertTrue(service.contains("\nWorkingDirectory=" + repo + "\n"), service);
        assertTrue(service.contains(" tools/where.py\n"), service);
        assertTrue(service.contains("# Try it without installing: cd " + repo + " && "), service);
        assertTrue(result.stderr().contains("try them: cd " + repo + " && "), result.stderr());
        SystemdUnitsIT.verifyIn(deploy, "app");
    }

    /** A command given on the command line runs, in production too, where the units were generated. */
    @Test
    void theUnitsOfACommandLineCommandRunWhereTheUserIs() throws Exception {
        teamFile(PYTHON + " tools/where.py");
        Catflap.Result result = fromTests().run("--systemd-units", "app", "--unit-dir", tests.toString(), "-p", "8080",
                "--", PYTHON, "../tools/where.py");
        assertEquals(0, result.exit(), result.stderr());
        String service = Files.readString(tests.resolve("app.service"));
        assertTrue(service.contains("\nWorkingDirectory=" + tests + "\n"), service);
        SystemdUnitsIT.verifyIn(tests, "app");
    }
}
