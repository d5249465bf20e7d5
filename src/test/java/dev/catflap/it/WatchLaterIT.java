package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch path that does not exist yet (issue 23, finding 5), as a team meets it: the committed
 * team file watches build/, which is gitignored and so missing on a fresh clone, and a developer
 * starts catflap from a subdirectory. catflap says so once, watches for the path to appear,
 * restarts when it does and from then on watches it; --show-config and --systemd-units, which
 * watch nothing, do not care. Only a path that can never appear (below a file) is refused.
 */
class WatchLaterIT {
    private static final String RESTARTING = "[catflap] restarting: ";

    @TempDir
    Path temp;
    Path repository;
    Path tests;
    Path home;

    @BeforeEach
    void teamRepository() throws IOException, InterruptedException {
        home = Files.createDirectories(temp.resolve("home"));
        repository = Files.createDirectories(temp.resolve("webapp")).toRealPath();
        tests = Files.createDirectories(repository.resolve("tests"));
        Files.writeString(tests.resolve("test_app.py"), "pass\n");
        Files.writeString(repository.resolve(".gitignore"), "build/\n");
        teamFile("build");
        git("init", "-q");
        git("add", ".");
        git("-c", "user.name=Team", "-c", "user.email=team@example.com", "commit", "-q", "-m", "team defaults");
    }

    /** The team file, watching {@code watch}, or nothing where it is null (the test's --watch is then the only one). */
    private void teamFile(String watch) throws IOException {
        Files.writeString(repository.resolve(".catflap.properties"), "catflap.port=0\n"
                + (watch == null ? "" : "catflap.watch=" + watch + "\n") + "catflap.command=sh -c 'echo run; exec sleep 1000'\n");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        assertTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0, "git " + command + ": " + output);
    }

    private Catflap inTests() {
        Catflap catflap = Catflap.launcher().in(tests).env("HOME", home.toString())
                .env("XDG_CONFIG_HOME", home.resolve(".config").toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }

    /** The case; the build's output in the gitignored build/ counts too, as the user named it. */
    @Test
    void theTeamsMissingBuildDirectoryIsWatchedForThenWatched() throws IOException {
        Path build = repository.resolve("build");
        try (Catflap.Running catflap = inTests().start()) {
            catflap.awaitStdout("run\n");
            catflap.awaitStderr("[catflap] " + build + " does not exist yet; watching for it to appear\n");
            Files.createDirectory(build);
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.awaitStderr(RESTARTING).contains(RESTARTING + build + " changed\n"), catflap.stderr());
            Files.writeString(build.resolve("app.js"), "built");
            catflap.awaitStdout("run\n", 3);
            assertTrue(catflap.awaitStderr(RESTARTING, 2).contains(RESTARTING + build.resolve("app.js") + " changed\n"),
                    catflap.stderr());
            assertEquals(1, Catflap.occurrences(catflap.stderr(), "does not exist yet"), catflap.stderr());
        }
    }

    /**
     * Each directory on the way is watched for in turn: making one restarts nothing, the watched
     * path made with its parents at once (mkdir -p) restarts once, and so do its removal with its
     * parent and its making again.
     */
    @Test
    void aDeeperPathIsWatchedForDirectoryByDirectory() throws IOException {
        teamFile("build/out/web");
        Path web = repository.resolve("build/out/web");
        try (Catflap.Running catflap = inTests().start()) {
            catflap.awaitStderr("[catflap] " + web + " does not exist yet; watching for it to appear\n");
            catflap.awaitStdout("run\n");
            Files.createDirectories(repository.resolve("build/out"));
            Catflap.sleep(1_000);
            assertEquals(0, Catflap.occurrences(catflap.stderr(), RESTARTING), "a directory on the way: " + catflap.stderr());
            deleteTree(repository.resolve("build"));
            Files.createDirectories(web);
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.stderr().contains(RESTARTING + web + " changed\n"), catflap.stderr());
            Files.writeString(web.resolve("index.html"), "built");
            catflap.awaitStdout("run\n", 3);
            deleteTree(repository.resolve("build"));
            catflap.awaitStdout("run\n", 4);
            Files.createDirectories(web);
            catflap.awaitStdout("run\n", 5);
            Files.writeString(web.resolve("index.html"), "built again");
            catflap.awaitStdout("run\n", 6);
            String stderr = catflap.stderr();
            assertEquals(5, Catflap.occurrences(stderr, RESTARTING), stderr);
            assertTrue(stderr.endsWith(RESTARTING + web.resolve("index.html") + " changed\n"), "after it was made again: " + stderr);
        }
    }

    /** A missing path below a link to a directory is watched for through the link, and named by it. */
    @Test
    void aMissingPathBelowALinkedDirectoryIsWatchedForThroughTheLink() throws IOException {
        teamFile(null);
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.createSymbolicLink(tests.resolve("vendor"), shared);
        List<String> args = List.of("-p", "0", "--watch", "vendor/gen", "--", "sh", "-c", "echo run; exec sleep 1000");
        try (Catflap.Running catflap = inTests().start(args)) {
            catflap.awaitStderr("[catflap] vendor/gen does not exist yet; watching for it to appear\n");
            catflap.awaitStdout("run\n");
            Files.createDirectory(shared.resolve("gen"));
            catflap.awaitStdout("run\n", 2);
            Files.writeString(shared.resolve("gen/api.py"), "generated");
            catflap.awaitStdout("run\n", 3);
            String stderr = catflap.stderr();
            assertTrue(stderr.contains(RESTARTING + "vendor/gen changed\n"), stderr);
            assertTrue(stderr.contains(RESTARTING + "vendor/gen/api.py changed\n"), stderr);
        }
    }

    /**
     * Below a dangling link, it is the link's target that is missing: that is watched for (the
     * notice says so), made elsewhere it counts, and the path below the link is then watched.
     */
    @Test
    void aMissingPathBelowADanglingLinkIsWatchedForWhereTheLinkLeads() throws IOException {
        teamFile(null);
        Path shared = temp.resolve("shared");
        Files.createSymbolicLink(tests.resolve("vendor"), shared);
        List<String> args = List.of("-p", "0", "--watch", "vendor/gen", "--", "sh", "-c", "echo run; exec sleep 1000");
        try (Catflap.Running catflap = inTests().start(args)) {
            catflap.awaitStderr("[catflap] vendor/gen does not exist yet; watching for " + shared
                    + ", where a link on its way leads, to appear\n");
            catflap.awaitStdout("run\n");
            Files.createDirectories(shared.resolve("gen"));
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.stderr().contains(RESTARTING + "vendor/gen changed\n"), catflap.stderr());
            Files.writeString(shared.resolve("gen/out.js"), "built");
            catflap.awaitStdout("run\n", 3);
            assertTrue(catflap.awaitStderr(RESTARTING, 2).contains(RESTARTING + "vendor/gen/out.js changed\n"), catflap.stderr());
        }
    }

    /** A file watched for: its appearance and then its changes restart the command. */
    @Test
    void aMissingFileIsWatchedForThenWatched() throws IOException {
        teamFile(null);
        List<String> args = List.of("-p", "0", "--watch", "local.env", "--", "sh", "-c", "echo run; exec sleep 1000");
        try (Catflap.Running catflap = inTests().start(args)) {
            catflap.awaitStdout("run\n");
            catflap.awaitStderr("[catflap] local.env does not exist yet; watching for it to appear\n");
            Files.writeString(tests.resolve("local.env"), "A=1\n");
            catflap.awaitStdout("run\n", 2);
            Files.writeString(tests.resolve("local.env"), "A=2\n");
            catflap.awaitStdout("run\n", 3);
            assertEquals(2, Catflap.occurrences(catflap.stderr(), RESTARTING + "local.env changed\n"), catflap.stderr());
        }
    }

    /** --show-config and --systemd-units watch nothing: a missing watch path neither fails nor holds them. */
    @Test
    void showConfigAndSystemdUnitsDoNotNeedIt() throws IOException {
        Catflap.Result shown = inTests().run("--show-config");
        assertEquals(0, shown.exit(), shown.stderr());
        assertTrue(Pattern.compile("(?m)^catflap\\.watch +" + Pattern.quote(repository.resolve("build").toString()) + " ")
                .matcher(shown.stdout()).find(), shown.stdout());
        Path units = Files.createDirectories(temp.resolve("units"));
        Catflap.Result written = inTests().run("--systemd-units", "webapp", "-p", "8080", "--unit-dir", units.toString());
        assertEquals(0, written.exit(), written.stderr());
        assertTrue(Files.exists(units.resolve("webapp.socket")) && Files.exists(units.resolve("webapp.service")), written.stderr());
        assertFalse(Files.exists(repository.resolve("build")));
    }

    /**
     * A path below a file can never appear there: a mistake, refused (exit 2) for every command,
     * as a bad port is, and nothing runs.
     */
    @Test
    void aPathBelowAFileIsRefused() throws IOException {
        for (List<String> args : List.of(List.of("-p", "0", "--watch", "test_app.py/build", "--", "touch", "ran"),
                List.of("--show-config", "--watch", "test_app.py/build"))) {
            Catflap.Result result = inTests().run(args);
            assertEquals(2, result.exit(), result.stderr());
            assertEquals("[catflap] --watch test_app.py/build: test_app.py is not a directory\n", result.stderr());
            assertEquals("", result.stdout());
        }
        assertFalse(Files.exists(tests.resolve("ran")));
    }

    /** A gitignored directory named by --watch counts, though nothing in it would count under --watch . (EditorIgnoresIT). */
    @Test
    void aGitignoredDirectoryThatIsNamedCounts() throws IOException {
        teamFile(null);
        Path build = Files.createDirectories(repository.resolve("build/js"));
        try (Catflap.Running catflap = inTests().start("-p", "0", "--watch", "../build")) {
            catflap.awaitStdout("run\n");
            Files.writeString(build.resolve("app.js"), "built");
            catflap.awaitStdout("run\n", 2);
            Files.writeString(repository.resolve("build/app.pyc"), "ignored by the built-in list still");
            Catflap.sleep(1_000);
            assertEquals(1, Catflap.occurrences(catflap.stderr(), RESTARTING), catflap.stderr());
            assertTrue(catflap.stderr().contains(RESTARTING + "../build/js/app.js changed\n"), catflap.stderr());
        }
    }

    private static void deleteTree(Path top) throws IOException {
        try (var paths = Files.walk(top)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
