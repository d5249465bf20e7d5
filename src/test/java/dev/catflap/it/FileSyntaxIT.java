package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A settings file is never misread (issue 23, findings 6 and 7), as a team meets it: a git
 * repository with a committed team file, a developer's local file beside it, a user file under
 * XDG_CONFIG_HOME, catflap started from a subdirectory. An unquoted word starting with {@code #}
 * is refused, quotes work in lists as in the command, a key given twice is a warning naming both
 * lines, a file in another encoding is refused in one line, and every message about a file's
 * content names its line.
 */
class FileSyntaxIT {
    private static final String COMMENT = "'#' starts no comment inside a value; put the comment on a line of its own";
    private static final String QUOTE_IT = ", or quote it to pass it";
    private static final String RESTARTING = "[catflap] restarting: ";
    /** Longer than the watcher's quiet period: what came before is a burst of its own. */
    private static final long APART_MS = 700;

    @TempDir
    Path temp;
    Path home;
    Path configHome;
    Path repo;
    Path tests;
    Path teamFile;
    Path localFile;
    Path userFile;

    @BeforeEach
    void teamRepository() throws Exception {
        home = Files.createDirectories(temp.resolve("home"));
        configHome = Files.createDirectories(temp.resolve("xdg"));
        repo = Files.createDirectories(temp.resolve("webapp")).toRealPath();
        tests = Files.createDirectories(repo.resolve("tests"));
        Files.createDirectories(repo.resolve("src"));
        teamFile = repo.resolve(".catflap.properties");
        localFile = repo.resolve(".catflap.local.properties");
        userFile = configHome.resolve("catflap/config.properties");
        Files.createDirectories(userFile.getParent());
        git("init", "-q", ".");
        Files.writeString(repo.resolve(".gitignore"), ".catflap.local.properties\n");
    }

    /** The team's file, committed as a team commits it. */
    private void team(String text) throws Exception {
        team(text.getBytes(StandardCharsets.UTF_8));
    }

    private void team(byte[] bytes) throws Exception {
        Files.write(teamFile, bytes);
        git("add", ".catflap.properties", ".gitignore");
        git("-c", "user.name=team", "-c", "user.email=team@example.com", "commit", "-q", "-m", "team defaults");
    }

    private Catflap fromTests() {
        return Catflap.launcher().in(tests).env("HOME", home.toString()).env("XDG_CONFIG_HOME", configHome.toString());
    }

    // '#' inside a value

    @Test
    void aHashWordInTheTeamsCommandIsRefusedNamingTheLine() throws Exception {
        team("# the team's defaults\ncatflap.port=0\ncatflap.command=touch ran # dev server\n");
        Catflap.Result result = fromTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + teamFile + ":3: catflap.command=touch ran # dev server: " + COMMENT + QUOTE_IT + "\n",
                result.stderr());
        assertNotRun();
    }

    @Test
    void aQuotedHashOrOneInsideAWordIsPassedOn() throws Exception {
        team("catflap.port=0\ncatflap.quiet=true\ncatflap.command=" + probe() + " report '#' \"# dev\" a#b\n");
        Catflap.Result result = fromTests().run();
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of("#", "# dev", "a#b"), argv(result));
    }

    @Test
    void aHashWordInAnyKeyIsRefused() throws Exception {
        team("catflap.port=0\ncatflap.command=touch ran\n");
        Files.writeString(localFile, "catflap.port=0 # mine\n");
        Catflap.Result local = fromTests().run();
        assertEquals(2, local.exit(), local.stderr());
        assertEquals("[catflap] " + localFile + ":1: catflap.port=0 # mine: " + COMMENT + "\n", local.stderr());
        Files.delete(localFile);

        Files.writeString(userFile, "catflap.grace=2\ncatflap.ignore=*.pyc # compiled\n");
        Catflap.Result user = fromTests().run();
        assertEquals(2, user.exit(), user.stderr());
        assertEquals("[catflap] " + userFile + ":2: catflap.ignore=*.pyc # compiled: " + COMMENT + QUOTE_IT + "\n", user.stderr());
        assertNotRun();
    }

    /**
     * A variable or an option has no line for a comment: its message says to remove the word or
     * quote it inside the shell's quotes, and what it says to write works.
     */
    @Test
    void aHashWordInAVariableOrAnOptionIsToBeQuotedForTheShell() throws Exception {
        team("catflap.port=0\ncatflap.command=touch ran\n");
        Catflap.Result ignore = fromTests().env("CATFLAP_IGNORE", "#*#").run("--watch", "../src");
        assertEquals(2, ignore.exit(), ignore.stderr());
        assertEquals("[catflap] CATFLAP_IGNORE=#*#: '#' starts no comment inside a value; a variable holds no comment: "
                + "remove it, or quote it to pass it on (CATFLAP_IGNORE=\"'#*#'\")\n", ignore.stderr());
        Catflap.Result setenv = fromTests().env("CATFLAP_SETENV", "A=1 # c").run();
        assertEquals(2, setenv.exit(), setenv.stderr());
        assertEquals("[catflap] CATFLAP_SETENV=A=1 # c: '#' starts no comment inside a value; a variable holds no comment: "
                + "remove it, or quote it to pass it on (CATFLAP_SETENV=\"A=1 '# c'\")\n", setenv.stderr());
        assertNotRun();

        Catflap.Result quoted = fromTests().env("CATFLAP_IGNORE", "'#*#'").run("--watch", "../src", "--show-config");
        assertEquals(0, quoted.exit(), quoted.stderr());
        // taken as the one glob #*#, shown as a list writes it: only the '#' that starts the word escaped
        assertTrue(Pattern.compile("(?m)^catflap\\.ignore +\\\\#\\*# +CATFLAP_IGNORE$").matcher(quoted.stdout()).find(),
                quoted.stdout());
    }

    // quoting in lists

    /** The issue's case: quoted globs matched nothing, so a .pyc written restarted the server. */
    @Test
    void quotedGlobsInTheTeamsIgnoreListMatch() throws Exception {
        team("catflap.port=0\ncatflap.watch=src\ncatflap.ignore=\"*.pyc\", '*.tmp'\n");
        Path src = repo.resolve("src");
        Path app = Files.writeString(src.resolve("app.py"), "1\n");
        try (Catflap.Running catflap = fromTests().start("--", "sh", "-c", "echo run; exec sleep 1000")) {
            catflap.awaitStdout("run\n");
            Files.writeString(src.resolve("app.cpython.pyc"), "bytecode");
            Files.writeString(src.resolve("upload.tmp"), "x");
            Catflap.sleep(APART_MS);
            assertEquals(0, Catflap.occurrences(catflap.stderr(), RESTARTING), catflap.stderr());
            Files.writeString(app, "2\n");
            catflap.awaitStderr("app.py changed");
        }
    }

    @Test
    void quotedElementsInAFileAndAVariableAreTheirText() throws Exception {
        team("catflap.listen=\"127.0.0.1:0\", '127.0.0.2:0'\ncatflap.systemd=true\ncatflap.fdname=\"web\", 'admin'\n"
                + "catflap.command=" + probe() + " report\n");
        Catflap.Result file = fromTests().run("-q");
        assertEquals(0, file.exit(), file.stderr());
        assertTrue(environ(file).contains("LISTEN_FDNAMES=web:admin"), environ(file).toString());
        assertTrue(environ(file).contains("LISTEN_FDS=2"), environ(file).toString());

        Catflap.Result variable = fromTests().env("CATFLAP_FDNAME", ", \"api,v1\", 'metrics'").run("-q"); // the comma first: replaces the file's
        assertEquals(0, variable.exit(), variable.stderr());
        assertTrue(environ(variable).contains("LISTEN_FDNAMES=api,v1:metrics"), "a comma inside quotes is the element's: "
                + environ(variable));
    }

    // a key given twice

    @Test
    void aKeyGivenTwiceIsAWarningNamingBothLines() throws Exception {
        team("catflap.port=0\ncatflap.env=TEAM_FD\ncatflap.command=" + probe() + " report\n\ncatflap.env=SECOND_FD\n");
        Catflap.Result result = fromTests().run("-q");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[catflap] warning: " + teamFile + ":5: catflap.env=SECOND_FD: given again (first at line 2); "
                + "line 5's value counts\n", result.stderr());
        assertTrue(environ(result).contains("SECOND_FD=3"), environ(result).toString());
    }

    // encodings

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16 with a mark", "UTF-16LE with a mark"})
    void aUtf16TeamFileIsRefusedInOneLine(String encoding) throws Exception {
        String text = "catflap.port=0\ncatflap.command=touch ran\n";
        byte[] bytes = switch (encoding) {
            case "UTF-16 with a mark" -> text.getBytes(StandardCharsets.UTF_16); // big-endian, with its mark
            case "UTF-16LE with a mark" -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
            default -> text.getBytes(Charset.forName(encoding));
        };
        team(bytes);
        Catflap.Result result = fromTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + teamFile + ": not UTF-8 (it looks like UTF-16); save it as UTF-8\n", result.stderr());
        assertNotRun();
    }

    @Test
    void aLatin1FileIsRefusedNamingTheLine() throws Exception {
        team("catflap.port=0\ncatflap.command=touch ran\n");
        Files.write(localFile, "# mine\ncatflap.env=PORT_FD\ncatflap.command=touch caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Catflap.Result local = fromTests().run();
        assertEquals(2, local.exit(), local.stderr());
        assertEquals("[catflap] " + localFile + ":3: not UTF-8 (it looks like Latin-1 or another legacy encoding); save it as UTF-8\n",
                local.stderr());
        Files.delete(localFile);

        Files.write(userFile, "catflap.host=127.0.0.1\r\n# \u00e9t\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
        Catflap.Result user = fromTests().run();
        assertEquals(2, user.exit(), user.stderr());
        assertEquals("[catflap] " + userFile + ":2: not UTF-8 (it looks like Latin-1 or another legacy encoding); save it as UTF-8\n",
                user.stderr());
        assertNotRun();
    }

    @Test
    void utf8sByteOrderMarkIsSkipped() throws Exception {
        team(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                ("catflap.env=MARKED_FD\ncatflap.port=0\ncatflap.command=" + probe() + " report\n").getBytes(StandardCharsets.UTF_8)));
        Catflap.Result result = fromTests().run("-q");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stderr());
        assertTrue(environ(result).contains("MARKED_FD=3"), environ(result).toString());
    }

    // line numbers

    @Test
    void aBadValueNamesTheLineItsKeyIsOnThoughItGoesOnOverSeveral() throws Exception {
        team("catflap.port=0\ncatflap.command=touch ran\n");
        Files.writeString(localFile, "# mine\ncatflap.env=MY_FD\ncatflap.grace=\\\n    a \\\n    while\ncatflap.port=0\n");
        Catflap.Result result = fromTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + localFile + ":3: catflap.grace=a while: not a number of seconds (0 to 3600, e.g. 5 or 0.5)\n",
                result.stderr());
        assertNotRun();
    }

    @Test
    void aBadValueInTheFileConfigNamesNamesItsLine() throws Exception {
        team("catflap.port=0\n");
        Path ci = Files.writeString(repo.resolve("ci.properties"), "catflap.port=0\n\ncatflap.debounce=soon\n");
        Catflap.Result result = fromTests().run("--config", "../ci.properties", "--", "touch", "ran");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + ci + ":3: catflap.debounce=soon: not a duration (0 to 3600 s, e.g. 500ms, 2s or 0.5)\n",
                result.stderr());
        assertNotRun();
    }

    @Test
    void aContradictionNamesBothFilesLines() throws Exception {
        team("# sockets\ncatflap.listen=127.0.0.1:0\ncatflap.command=touch ran\n");
        Files.writeString(localFile, "\ncatflap.port=9002\n");
        Catflap.Result result = fromTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + localFile + ":2: catflap.port=9002: cannot be combined with catflap.listen=127.0.0.1:0 ("
                + teamFile + ":2); to listen at 127.0.0.1:9002 alone, write catflap.listen=,127.0.0.1:9002 in " + localFile
                + " instead (an empty first element clears the lower sources' specs)\n", result.stderr());
        assertNotRun();
    }

    @Test
    void unknownAndIgnoredKeysAreWarnedOfByLine() throws Exception {
        team("catflap.port=0\nquarkus.http.port=8080\nconfig_ordinal=1000\ncatflap.quiet=true\n");
        Files.writeString(userFile, "catflap.grace=3\ncatflap.prot=9000\n");
        Catflap.Result result = fromTests().run("--", "touch", "ran");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[catflap] warning: " + teamFile + ":2: quarkus.http.port=8080: unknown setting (ignored; catflap reads only catflap.* keys)\n"
                + "[catflap] warning: " + teamFile + ":3: config_ordinal=1000: unknown setting (ignored; catflap reads only catflap.* keys)\n"
                + "[catflap] warning: " + userFile + ":2: catflap.prot=9000: unknown setting (ignored)\n", result.stderr());
        assertTrue(Files.exists(tests.resolve("ran")), "warnings do not stop the command");
    }

    private void assertNotRun() {
        assertFalse(Files.exists(repo.resolve("ran")) || Files.exists(tests.resolve("ran")), "the command must not run");
    }

    private static String probe() {
        return String.join(" ", Catflap.interpreterProbe());
    }

    private static List<String> argv(Catflap.Result result) {
        return ProbeReport.parse(result.stdout()).argv().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> environ(Catflap.Result result) {
        return ProbeReport.parse(result.stdout()).environ().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).directory(repo.toFile()).inheritIO().start().waitFor());
    }
}
