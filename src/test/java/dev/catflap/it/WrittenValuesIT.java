package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file's values are read and named as the team wrote them: a leading {@code ~} is refused in
 * every path setting and from every source, with the same hint (a file's was resolved against the
 * file's directory first, and waited for or looked in as {@code REPO/~}); an unquoted {@code $}
 * in setenv is refused as in the command; errors show the value as written (the resolved path
 * after it); a command from a file that is not found is named on its line; a relative command
 * not found names the directory it was looked for in.
 */
class WrittenValuesIT {
    private static final String TILDE = "'~' starting a path is a home directory to a shell, and catflap expands none: "
            + "write the path";

    @TempDir
    Path temp;
    Path home;
    Path repo;
    Path tests;
    Path teamFile;

    @BeforeEach
    void teamRepository() throws Exception {
        home = Files.createDirectories(temp.resolve("home"));
        repo = Files.createDirectories(temp.resolve("webapp")).toRealPath();
        tests = Files.createDirectories(repo.resolve("tests"));
        Files.createDirectories(repo.resolve("src"));
        teamFile = repo.resolve(".catflap.properties");
        git("init", "-q", ".");
    }

    private void team(String text) throws Exception {
        Files.writeString(teamFile, text);
        git("add", ".catflap.properties");
        git("-c", "user.name=team", "-c", "user.email=team@example.com", "commit", "-q", "-m", "team defaults");
    }

    private Catflap fromTests() {
        return Catflap.launcher().in(tests).env("HOME", home.toString()).env("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
    }

    // '~' alike everywhere

    @ParameterizedTest
    @ValueSource(strings = {"catflap.watch=~/src", "catflap.workdir=~", "catflap.unit-dir=~/x", "catflap.listen=unix:~/app.sock",
        "catflap.watch=src,~/lib"})
    void aTildeInAFilesPathIsRefusedAsAnOptionsIs(String line) throws Exception {
        team("catflap.port=0\n" + line + "\ncatflap.command=touch ran\n");
        Catflap.Result result = fromTests().run();
        assertEquals(2, result.exit(), result.stderr());
        String element = line.endsWith(",~/lib") ? "~/lib: " : "";
        assertEquals("[catflap] " + teamFile + ":2: " + line + ": " + element + TILDE + "\n", result.stderr());
        assertNotRun();
    }

    @Test
    void aTildeInAVariableOrAQuotedOptionIsRefusedInEveryPathSetting() throws Exception {
        team("catflap.port=0\n");
        Catflap.Result workdir = fromTests().env("CATFLAP_WORKDIR", "~").run("--", "touch", "ran");
        assertEquals(2, workdir.exit(), workdir.stderr());
        assertEquals("[catflap] CATFLAP_WORKDIR=~: " + TILDE + "\n", workdir.stderr());

        Catflap.Result listen = fromTests().env("CATFLAP_LISTEN", "unix:~/app.sock").run("--", "touch", "ran");
        assertEquals(2, listen.exit(), listen.stderr());
        assertEquals("[catflap] CATFLAP_LISTEN=unix:~/app.sock: " + TILDE + "\n", listen.stderr());

        Catflap.Result unitDir = fromTests().run("--unit-dir", "~/units", "--", "touch", "ran");
        assertEquals(2, unitDir.exit(), unitDir.stderr());
        assertEquals("[catflap] --unit-dir ~/units: " + TILDE + "\n", unitDir.stderr());

        Catflap.Result watch = fromTests().run("--watch", "~/src", "--", "touch", "ran");
        assertEquals(2, watch.exit(), watch.stderr());
        assertEquals("[catflap] --watch ~/src: " + TILDE + "\n", watch.stderr());
        assertNotRun();
        assertFalse(Files.exists(repo.resolve("~")) || Files.exists(tests.resolve("~")), "no '~' directory or socket made");
    }

    // '$' in setenv

    @Test
    void anUnquotedDollarInSetenvFromAFileOrVariableIsRefused() throws Exception {
        team("catflap.port=0\ncatflap.setenv=PATH=$PATH:/opt/bin\ncatflap.command=touch ran\n");
        Catflap.Result file = fromTests().run();
        assertEquals(2, file.exit(), file.stderr());
        assertEquals("[catflap] " + teamFile + ":2: catflap.setenv=PATH=$PATH:/opt/bin: '$' would be expanded by a shell, "
                + "and catflap expands nothing in a value (write the value itself, or single-quote it to pass it literally); "
                + "in a properties file a backslash must be doubled to reach catflap (\\\\$)\n", file.stderr());

        team("catflap.port=0\ncatflap.command=touch ran\n");
        Catflap.Result variable = fromTests().env("CATFLAP_SETENV", "GREETING=`whoami`").run();
        assertEquals(2, variable.exit(), variable.stderr());
        assertEquals("[catflap] CATFLAP_SETENV=GREETING=`whoami`: '`' would be expanded by a shell, and catflap expands "
                + "nothing in a value (write the value itself, or single-quote it to pass it literally)\n", variable.stderr());
        assertNotRun();
    }

    @Test
    void aQuotedDollarInSetenvAndAnOptionsArePassedLiterally() throws Exception {
        team("catflap.port=0\ncatflap.quiet=true\ncatflap.setenv=PRICE='$5', COST=\"\\\\$6\"\ncatflap.command="
                + String.join(" ", Catflap.interpreterProbe()) + " report\n");
        Catflap.Result result = fromTests().run("--setenv", "FEE=$7");
        assertEquals(0, result.exit(), result.stderr());
        List<String> environ = ProbeReport.parse(result.stdout()).environ().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertTrue(environ.containsAll(List.of("PRICE=$5", "COST=$6", "FEE=$7")), environ.toString());
    }

    // values as written

    @Test
    void errorsShowAFilesPathAsWrittenThenAsResolved() throws Exception {
        team("catflap.port=0\n\ncatflap.workdir=nope\ncatflap.command=touch ran\n");
        Catflap.Result workdir = fromTests().run();
        assertEquals(2, workdir.exit(), workdir.stderr());
        assertEquals("[catflap] " + teamFile + ":3: catflap.workdir=nope: no such directory (" + repo.resolve("nope") + ")\n",
                workdir.stderr());

        team("catflap.watch=src,\ncatflap.port=0\n");
        Catflap.Result watch = fromTests().run("--", "touch", "ran");
        assertEquals(2, watch.exit(), watch.stderr());
        assertTrue(watch.stderr().startsWith("[catflap] " + teamFile + ":1: catflap.watch=src,: an empty element after src "),
                watch.stderr());
        assertNotRun();
    }

    @Test
    void aBackslashEatenByTheFileIsNamedInTheHint() throws Exception {
        team("catflap.port=0\ncatflap.command=touch ran \\*\n");
        Catflap.Result result = fromTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] " + teamFile + ":2: catflap.command=touch ran *: '*' is a glob"),
                result.stderr());
        assertTrue(result.stderr().endsWith("; in a properties file a backslash must be doubled to reach catflap (\\\\*)\n"),
                result.stderr());
        assertNotRun();
    }

    // commands not found

    @Test
    void aFilesCommandNotFoundIsNamedOnItsLine() throws Exception {
        team("catflap.port=0\ncatflap.command=nosuchprog --serve\n");
        Catflap.Result command = fromTests().run("-q");
        assertEquals(127, command.exit(), command.stderr());
        assertEquals("[catflap] " + teamFile + ":2: catflap.command=nosuchprog --serve: nosuchprog: command not found\n",
                command.stderr());

        team("catflap.port=0\ncatflap.command=DEBUG=1 touch ran\n");
        Catflap.Result assignment = fromTests().run("-q");
        assertEquals(127, assignment.exit(), assignment.stderr());
        assertTrue(assignment.stderr().startsWith("[catflap] " + teamFile + ":2: catflap.command=DEBUG=1 touch ran: "),
                assignment.stderr());
        assertTrue(assignment.stderr().contains("use --setenv DEBUG=1"), assignment.stderr());

        team("catflap.port=8080\n\ncatflap.unit-command=nosuch\n");
        Catflap.Result units = fromTests().run("--systemd-units", "webapp");
        assertEquals(2, units.exit(), units.stderr());
        assertEquals("[catflap] " + teamFile + ":3: catflap.unit-command=nosuch: nosuch: command not found\n", units.stderr());
        assertNotRun();
    }

    /** Running it and writing its unit name a variable's command alike: as set, as any other bad value of a variable's. */
    @Test
    void aVariablesCommandNotFoundIsNamedAsSetInExecAndInUnits() throws Exception {
        team("catflap.port=8080\n");
        Catflap.Result command = fromTests().env("CATFLAP_COMMAND", "nosuch --serve").run("-q", "-p", "0");
        assertEquals(127, command.exit(), command.stderr());
        assertEquals("[catflap] CATFLAP_COMMAND=nosuch --serve: nosuch: command not found\n", command.stderr());

        Catflap.Result units = fromTests().env("CATFLAP_COMMAND", "nosuch --serve").run("--systemd-units", "webapp");
        assertEquals(2, units.exit(), units.stderr());
        assertEquals("[catflap] CATFLAP_COMMAND=nosuch --serve: nosuch: command not found\n", units.stderr());
        assertNotRun();
    }

    /**
     * A command ExecStart= cannot hold is named where it was written, as one not found is: a
     * file's on its line, a variable's as set (it was "command from catflap.command in FILE").
     */
    @Test
    void aCommandAUnitCannotHoldIsNamedWhereItWasWritten() throws Exception {
        team("catflap.port=8080\ncatflap.command=cat \"a\\u0001b\"\n");
        Catflap.Result file = fromTests().run("--systemd-units", "webapp");
        assertEquals(2, file.exit(), file.stderr());
        assertTrue(file.stderr().startsWith("[catflap] " + teamFile + ":2: catflap.command=cat \"a\\x01b\": the argument a\\x01b "
                + "holds a control character"), file.stderr());

        Catflap.Result variable = fromTests().env("CATFLAP_COMMAND", "cat \"a\u0001b\"").run("--systemd-units", "webapp");
        assertEquals(2, variable.exit(), variable.stderr());
        assertTrue(variable.stderr().startsWith("[catflap] CATFLAP_COMMAND=cat \"a\\x01b\": the argument a\\x01b "
                + "holds a control character"), variable.stderr());
        assertFalse(Files.exists(tests.resolve("webapp.service")), "nothing written");
    }

    @Test
    void aRelativeCommandNotFoundNamesTheDirectoryLookedIn() throws Exception {
        team("catflap.port=0\n");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere")).toRealPath();
        Files.writeString(tests.resolve("server"), "#!/bin/sh\ntouch ran\n");
        tests.resolve("server").toFile().setExecutable(true);
        Catflap.Result result = fromTests().run("-q", "--workdir", elsewhere.toString(), "--", "./server");
        assertEquals(127, result.exit(), result.stderr());
        assertEquals("[catflap] ./server: no such file or directory (in " + elsewhere + ", where the command runs)\n",
                result.stderr());
        assertNotRun();
    }

    /** The directory is the command's: a bad interpreter's own absolute path is named without it. */
    @Test
    void aBadInterpreterOfARelativeCommandIsNamedWithoutTheDirectory() throws Exception {
        team("catflap.port=0\n");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere")).toRealPath();
        Files.writeString(elsewhere.resolve("server"), "#!/usr/bin/no-such-interpreter\n");
        elsewhere.resolve("server").toFile().setExecutable(true);
        Catflap.Result result = fromTests().run("-q", "--workdir", elsewhere.toString(), "--", "./server");
        assertEquals(126, result.exit(), result.stderr());
        assertEquals("[catflap] ./server: bad interpreter /usr/bin/no-such-interpreter: no such file or directory\n",
                result.stderr());
    }

    private void assertNotRun() {
        assertFalse(Files.exists(repo.resolve("ran")) || Files.exists(tests.resolve("ran")), "the command must not run");
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).directory(repo.toFile()).inheritIO().start().waitFor());
    }
}
