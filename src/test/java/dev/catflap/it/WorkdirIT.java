package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * --workdir, catflap.workdir, CATFLAP_WORKDIR (issue 23): the directory the command runs in,
 * above the rule that a project file's command runs in the file's directory. From a file it is
 * relative to the file's directory, from an option or a variable to the working directory; it
 * must exist. A repository with a team file, catflap started from its tests/ directory.
 */
class WorkdirIT {
    private static final String PYTHON = Catflap.interpreterProbe().get(0);

    @TempDir
    Path temp;
    Path repo;
    Path tests;
    Path tools;

    @BeforeEach
    void repository() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo")).toRealPath();
        tests = Files.createDirectories(repo.resolve("tests"));
        tools = Files.createDirectories(repo.resolve("tools"));
        Files.writeString(tools.resolve("where.py"), Catflap.WHERE_SCRIPT);
        Files.createDirectories(temp.resolve("xdg"));
    }

    private void teamFile(String... lines) throws IOException {
        Files.writeString(repo.resolve(".catflap.properties"), "catflap.port=0\n" + String.join("\n", lines) + "\n");
    }

    private Catflap fromTests() {
        return Catflap.launcher().in(tests).env("PWD", tests.toString()).env("HOME", temp.toString())
                .env("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
    }

    /** The team file's catflap.workdir=tools is the repository's tools/, from tests/ too. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void aFilesWorkdirIsRelativeToTheFile(String mode) throws IOException {
        teamFile("catflap.workdir=tools", "catflap.command=" + PYTHON + " where.py");
        Catflap.Result result = fromTests().run(Catflap.quietIn(mode));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(tools + "\n" + tools + "\n", result.stdout());
    }

    /** An option's is relative to where catflap runs, and moves the team's command as well as one on the command line. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exec", "--spawn"})
    void anOptionsWorkdirIsRelativeToTheWorkingDirectory(String mode) throws IOException {
        teamFile("catflap.command=" + PYTHON + " where.py");
        Catflap.Result team = fromTests().run(Catflap.quietIn(mode, "--workdir", "../tools"));
        assertEquals(0, team.exit(), team.stderr());
        assertEquals(tools + "\n" + tools + "\n", team.stdout());
        Catflap.Result own = fromTests().run(Catflap.quietIn(mode, "--workdir", "../tools", "--", PYTHON, "where.py"));
        assertEquals(0, own.exit(), own.stderr());
        assertEquals(tools + "\n" + tools + "\n", own.stdout());
    }

    @Test
    void aVariablesWorkdirIsRelativeToTheWorkingDirectory() throws IOException {
        teamFile("catflap.command=" + PYTHON + " where.py", "catflap.workdir=tests");
        Catflap.Result result = fromTests().env("CATFLAP_WORKDIR", "../tools").run(Catflap.quietIn("exec"));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(tools + "\n" + tools + "\n", result.stdout());
    }

    /** A directory that is not there is a one-line error naming it and its source; nothing runs. */
    @Test
    void aMissingWorkdirIsRefusedAndNothingRuns() throws IOException {
        teamFile("catflap.command=touch ran");
        Catflap.Result option = fromTests().run("--workdir", "build");
        assertEquals(2, option.exit(), option.stderr());
        assertEquals("[catflap] --workdir build: no such directory\n", option.stderr());
        teamFile("catflap.command=touch ran", "catflap.workdir=build");
        Catflap.Result file = fromTests().run("--spawn");
        assertEquals(2, file.exit(), file.stderr());
        assertEquals("[catflap] " + repo.resolve(".catflap.properties") + ":3: catflap.workdir=build: no such directory ("
                + repo.resolve("build") + ")\n", file.stderr());
        assertFalse(Files.exists(repo.resolve("ran")) || Files.exists(tests.resolve("ran")));
    }

    @Test
    void showConfigSaysWhereTheCommandRunsAndWhy() throws IOException {
        teamFile("catflap.command=" + PYTHON + " where.py", "catflap.workdir=tools");
        Catflap.Result file = fromTests().run("--show-config");
        assertEquals(0, file.exit(), file.stderr());
        assertTrue(file.stdout().contains("\ncommand runs in: " + tools + " (catflap.workdir in " + repo.resolve(".catflap.properties")
                + ")\n"), file.stdout());
        Catflap.Result option = fromTests().run("--show-config", "--workdir", ".");
        assertTrue(option.stdout().contains("\ncommand runs in: " + tests + " (--workdir)\n"), option.stdout());
        Catflap.Result variable = fromTests().env("CATFLAP_WORKDIR", "..").run("--show-config");
        assertTrue(variable.stdout().contains("\ncommand runs in: " + repo + " (CATFLAP_WORKDIR)\n"), variable.stdout());
    }

    /** The units run the command there too: WorkingDirectory= and the try-it line; systemd reads them as they are. */
    @Test
    void theUnitsRunTheCommandInTheWorkdir() throws Exception {
        Files.writeString(repo.resolve(".catflap.properties"), """
                catflap.port=8080
                catflap.command=%s where.py
                catflap.workdir=tools
                catflap.unit-dir=deploy
                """.formatted(PYTHON));
        Path deploy = Files.createDirectory(repo.resolve("deploy"));
        Catflap.Result result = fromTests().run("--systemd-units", "app");
        assertEquals(0, result.exit(), result.stderr());
        String service = Files.readString(deploy.resolve("app.service"));
        assertTrue(service.contains("\nWorkingDirectory=" + tools + "\n"), service);
        assertTrue(result.stderr().contains("try them: cd " + tools + " && "), result.stderr());
        SystemdUnitsIT.verifyIn(deploy, "app");
    }
}
