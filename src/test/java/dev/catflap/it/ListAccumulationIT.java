package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list rule (issue 23), as a team meets it: a git repository with a committed team file that
 * watches src/ and ignores *.log, catflap started from its tests/ directory. A list's values add up
 * across the user file, the team file, the local file, CATFLAP_* variables and options; an empty
 * element clears those before it. Each relative path keeps its own source's directory.
 */
class ListAccumulationIT {
    private static final String RESTARTING = "[catflap] restarting: ";
    private static final List<String> RUNS = List.of("--", "sh", "-c", "echo run; exec sleep 600");

    @TempDir
    Path temp;
    Path repo;
    Path tests;
    Path configHome;

    @BeforeEach
    void teamRepository() throws Exception {
        repo = Files.createDirectories(temp.resolve("webapp")).toRealPath();
        Files.createDirectories(repo.resolve("src"));
        tests = Files.createDirectories(repo.resolve("tests"));
        Files.createDirectories(tests.resolve("fixtures"));
        configHome = Files.createDirectories(temp.resolve("xdg"));
        Files.writeString(repo.resolve(".catflap.properties"), """
                catflap.watch=src
                catflap.ignore=*.log
                catflap.port=0
                catflap.grace=1
                """);
        git("init", "-q");
        git("add", ".catflap.properties");
        git("-c", "user.name=team", "-c", "user.email=team@example.org", "commit", "-q", "-m", "team defaults");
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, git.waitFor(), "git " + String.join(" ", args));
    }

    private Catflap fromTests() {
        return Catflap.launcher().in(tests).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", configHome.toString());
    }

    private static List<String> args(List<String> options) {
        List<String> args = new java.util.ArrayList<>(options);
        args.addAll(RUNS);
        return args;
    }

    /** The issue's case: --ignore '*.tmp' replaced the team's ignores, and every log line written restarted the server. */
    @Test
    void anIgnoreOptionAddsToTheTeamsIgnores() throws IOException {
        try (Catflap.Running catflap = fromTests().start(args(List.of("--ignore", "*.tmp")))) {
            catflap.awaitStdout("run");
            Files.writeString(repo.resolve("src/app.log"), "logged");
            Files.writeString(repo.resolve("src/app.tmp"), "editor");
            Catflap.sleep(1000); // well past the debounce: a restart for either would come before the next change
            Path counted = Files.writeString(repo.resolve("src/app.py"), "source");
            String stderr = catflap.awaitStderr(RESTARTING);
            catflap.awaitStdout("run", 2);
            assertEquals(1, Catflap.occurrences(catflap.stderr(), RESTARTING), stderr);
            assertTrue(catflap.stderr().contains(counted.getFileName() + " changed\n"), catflap.stderr());
        }
    }

    /**
     * --watch fixtures adds tests/fixtures (the working directory's) to the team's src (the team
     * file's directory's); --watch '' --watch fixtures replaces the team's path.
     */
    @Test
    void aWatchOptionAddsToTheTeamsPathsAndAnEmptyOneReplacesThem() throws IOException {
        try (Catflap.Running catflap = fromTests().start(args(List.of("--watch", "fixtures")))) {
            catflap.awaitStdout("run");
            Files.writeString(repo.resolve("src/app.py"), "1");
            catflap.awaitStderr(RESTARTING + repo.resolve("src/app.py") + " changed");
            catflap.awaitStdout("run", 2);
            Files.writeString(tests.resolve("fixtures/data.json"), "1");
            catflap.awaitStderr(RESTARTING + "fixtures/data.json changed");
        }
        try (Catflap.Running catflap = fromTests().start(args(List.of("--watch", "", "--watch", "fixtures")))) {
            catflap.awaitStdout("run");
            Files.writeString(repo.resolve("src/app.py"), "2");
            Catflap.sleep(1000);
            Files.writeString(tests.resolve("fixtures/data.json"), "2");
            String stderr = catflap.awaitStderr(RESTARTING);
            catflap.awaitStdout("run", 2);
            assertEquals(1, Catflap.occurrences(catflap.stderr(), RESTARTING), stderr);
            assertTrue(catflap.stderr().contains(RESTARTING + "fixtures/data.json changed\n"), catflap.stderr());
        }
    }

    /** Every source adds, lowest first, and --show-config names each with its elements; an empty variable starts over. */
    @Test
    void showConfigNamesEverySourceOfAList() throws IOException {
        Files.createDirectories(configHome.resolve("catflap"));
        Path userFile = Files.writeString(configHome.resolve("catflap/config.properties"), "catflap.ignore=*.out\n");
        Path localFile = Files.writeString(repo.resolve(".catflap.local.properties"), "catflap.ignore=*.bak\n");
        Path teamFile = repo.resolve(".catflap.properties");
        Catflap.Result all = fromTests().env("CATFLAP_IGNORE", "*.swp").run("--ignore", "*.tmp", "--show-config");
        assertEquals(0, all.exit(), all.stderr());
        assertRow(all.stdout(), "catflap.ignore", "*.out,*.log,*.bak,*.swp,*.tmp", userFile + " (*.out) + " + teamFile
                + " (*.log) + " + localFile + " (*.bak) + CATFLAP_IGNORE (*.swp) + --ignore (*.tmp)");
        Catflap.Result over = fromTests().env("CATFLAP_IGNORE", "").run("--ignore", "*.tmp", "--show-config");
        assertEquals(0, over.exit(), over.stderr());
        assertRow(over.stdout(), "catflap.ignore", "*.tmp", "--ignore");
    }

    /**
     * With --systemd, the names must match the sockets of every source: the team's socket and
     * name plus the user's; each unix: path in its own source's directory.
     */
    @Test
    void systemdNamesCountTheSocketsOfEverySource() throws IOException {
        Path teamFile = Files.writeString(repo.resolve(".catflap.properties"), "catflap.listen=unix:team.sock\ncatflap.fdname=team\n");
        Catflap.Result short1 = fromTests().run("-q", "--systemd", "-l", "unix:mine.sock", "--", "true");
        assertEquals(2, short1.exit(), short1.stderr());
        assertEquals("[catflap] " + teamFile + ":2: catflap.fdname=team: 1 name for 2 sockets (catflap.listen=unix:team.sock" // as written
                + " (" + teamFile + ":1) + -l/--listen unix:mine.sock): give one --fdname per socket, in order\n", short1.stderr());

        Catflap.Result both = fromTests().run("-q", "--systemd", "-l", "unix:mine.sock", "--fdname", "mine", "--", "sh", "-c",
                "echo $LISTEN_FDS $LISTEN_FDNAMES; test -S ../team.sock && test -S mine.sock && echo both");
        assertEquals(0, both.exit(), both.stderr());
        assertEquals("2 team:mine\nboth\n", both.stdout());
    }

    /** An emptied list of sockets leaves the -h/-p one, as no list at all does. */
    @Test
    void clearedSocketsLeaveTheShorthandsOne() throws IOException {
        Files.writeString(repo.resolve(".catflap.properties"), "catflap.listen=unix:team.sock\n");
        Catflap.Result result = fromTests().env("CATFLAP_LISTEN", "").run("-p", "0", "--", "true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(1, result.listening().size(), result.stderr());
        assertTrue(result.listening().get(0).startsWith("127.0.0.1:"), result.stderr());
        assertFalse(Files.exists(repo.resolve("team.sock")));
    }

    /**
     * A repeated option's values are elements as typed, never text to split: commas, backslashes,
     * quotes, '#' and blanks at their ends stay part of each, to the command's environment and to
     * the message that quotes the options.
     */
    @Test
    void aRepeatedOptionsValuesReachTheCommandAsTyped() {
        String value = " x,y\\z 'q' \"d\" #h ";
        Catflap.Result result = fromTests().run("-q", "--no-watch", "--setenv", "A=" + value, "--setenv", "B=,", "--",
                "sh", "-c", "printf '[%s][%s]\\n' \"$A\" \"$B\"");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("[" + value + "][,]\n", result.stdout());

        Catflap.Result bad = fromTests().run("-q", "--ignore", "{a\\b,c", "--ignore", "ok,#", "--", "true");
        assertEquals(2, bad.exit(), bad.stderr());
        assertEquals("[catflap] --ignore {a\\b,c --ignore ok,#: {a\\b,c: not a valid glob (Missing '})\n", bad.stderr());
    }

    private static void assertRow(String report, String key, String value, String source) {
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(key) + " +" + Pattern.quote(value) + " +" + Pattern.quote(source) + "$")
                .matcher(report).find(), report);
    }
}
