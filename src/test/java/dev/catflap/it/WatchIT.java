package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static dev.catflap.it.CoreIT.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --watch: the command restarts on changes, on the same socket, so that no client is refused. */
class WatchIT {
    private static final String RESTARTING = "[catflap] restarting: ";

    @TempDir
    Path temp;

    @Test
    void tenChangesTenRestartsAndNoFailedRequest() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path file = Files.writeString(src.resolve("app.txt"), "0");
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", src.toString()), Catflap.probe("serve-forever")));
                Replies client = new Replies(catflap.awaitPort())) {
            client.awaitServers(1);
            for (int change = 1; change <= 10; change++) {
                Files.writeString(file, Integer.toString(change));
                client.awaitServers(change + 1);
            }
            catflap.awaitStderr(RESTARTING, 10);
            client.close();
            assertEquals(0, client.failures.get(), "failed requests; the first: " + client.firstFailure.get());
            assertEquals(11, client.servers().size(), "a new server after each change: " + client.servers());
            assertFalse(client.servers().contains(catflap.pid()), "the servers are catflap's children");
            assertEquals(10, Catflap.occurrences(catflap.stderr(), RESTARTING + file + " changed\n"), catflap.stderr());
        }
    }

    @Test
    void changesInIgnoredPlacesDoNotRestart() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        for (String directory : List.of(".git", "target", "node_modules/pkg", "logs", "docs/api", "lib")) {
            Files.createDirectories(src.resolve(directory));
        }
        List<String> options = List.of("-p", "0", "--watch", src.toString(), "--ignore", "*.log", "--ignore", "docs/**");
        try (Catflap.Running catflap = Catflap.launcher().start(args(options, Catflap.probe("serve-forever")))) {
            int port = catflap.awaitPort();
            String first = request("127.0.0.1", port);
            for (String ignored : List.of(".git/HEAD", "target/App.class", "node_modules/pkg/index.js", "logs/app.log",
                    "docs/api/index.md", "target/new/Made.class", "debug.log")) {
                Files.createDirectories(src.resolve(ignored).getParent());
                Files.writeString(src.resolve(ignored), "ignored");
            }
            Path counted = Files.writeString(src.resolve("lib/app.txt"), "counted");
            String stderr = catflap.awaitStderr(RESTARTING + counted + " changed");
            assertEquals(1, Catflap.occurrences(stderr, RESTARTING), stderr);
            // the notice comes before the old server ends: it may answer once more meanwhile
            assertNotEquals(first, replyOtherThan(first, port), "the server was restarted");
        }
    }

    @Test
    void directoryCreatedLaterIsWatchedToo() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", src.toString()), Catflap.probe("serve-forever")))) {
            int port = catflap.awaitPort();
            String first = request("127.0.0.1", port); // the server runs: the watching has begun
            Path later = Files.createDirectory(src.resolve("later"));
            catflap.awaitStderr(RESTARTING + later + " changed");
            String second = replyOtherThan(first, port);
            Path inside = Files.writeString(later.resolve("file.txt"), "x");
            catflap.awaitStderr(RESTARTING + inside + " changed");
            endsWithItsServer(catflap, replyOtherThan(second, port));
        }
    }

    @Test
    void watchedFileRestartsOnItsOwnChangesOnly() throws IOException {
        Path watched = Files.writeString(temp.resolve("config.txt"), "0");
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", watched.toString()), Catflap.probe("serve-forever")))) {
            int port = catflap.awaitPort();
            String first = request("127.0.0.1", port); // the server runs: the watching has begun
            Files.writeString(temp.resolve("neighbour.txt"), "not watched");
            Files.writeString(watched, "1");
            String stderr = catflap.awaitStderr(RESTARTING + watched + " changed");
            assertEquals(1, Catflap.occurrences(stderr, RESTARTING), stderr);
            endsWithItsServer(catflap, replyOtherThan(first, port));
        }
    }

    /** One directory watched for two reasons: each counts, whatever the order they were given in. */
    @ParameterizedTest
    @ValueSource(strings = {"two files", "file then directory", "directory then file"})
    void pathsWatchedInTheSameDirectoryAllCount(String how) throws IOException {
        Path a = Files.writeString(temp.resolve("a.txt"), "0");
        Path b = Files.writeString(temp.resolve("b.txt"), "0");
        List<Path> watched = switch (how) {
            case "two files" -> List.of(a, b);
            case "file then directory" -> List.of(a, temp);
            default -> List.of(temp, a);
        };
        List<String> options = new ArrayList<>(List.of("-p", "0"));
        watched.forEach(path -> options.addAll(List.of("--watch", path.toString())));
        try (Catflap.Running catflap = Catflap.launcher().start(args(options, Catflap.probe("serve-forever")))) {
            int port = catflap.awaitPort();
            String reply = request("127.0.0.1", port); // the server runs: the watching has begun
            Path first = how.equals("two files") ? a : temp.resolve("new.txt");
            Files.writeString(first, "1");
            catflap.awaitStderr(RESTARTING + first + " changed");
            // A change made while the old run is ending is in the new run already: no restart for it.
            replyOtherThan(reply, port);
            Files.writeString(b, "1");
            catflap.awaitStderr(RESTARTING + b + " changed");
            String stderr = catflap.stderr();
            assertEquals(2, Catflap.occurrences(stderr, RESTARTING), stderr);
        }
    }

    @Test
    void changesUnderTheWorkingDirectoryAreNamedAsTheUserWouldWriteThem() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        try (Catflap.Running catflap = Catflap.launcher().in(temp).start(args(List.of("-p", "0", "--watch", "."), Catflap.probe("serve-forever")))) {
            request("127.0.0.1", catflap.awaitPort()); // the server runs: the watching has begun
            Files.writeString(src.resolve("app.js"), "1");
            catflap.awaitStderr(RESTARTING + "src/app.js changed\n");
        }
    }

    @Test
    void commandThatExitsStartsAgainOnTheNextChange() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        String waiting = "[catflap] the command exited with status 3; it starts again on the next change\n";
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", src.toString()), Catflap.probe("exit", "3")))) {
            catflap.awaitStderr(waiting);
            Files.writeString(src.resolve("a.txt"), "a");
            catflap.awaitStderr(waiting, 2);
            catflap.signal("TERM");
            assertEquals(128 + 15, catflap.await().exit(), "no child: catflap ends as the signal says");
        }
    }

    /** Only a flag is refused without --watch: a variable or a file may keep them for the runs that watch. */
    @Test
    void graceAndIgnoreFromTheEnvironmentWaitForARunThatWatches() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_GRACE", "2").env("CATFLAP_IGNORE", "*.log")
                .run("-q", "-p", "0", "--", "sh", "-c", "exit 4");
        assertEquals(4, result.exit(), result.stderr());
        assertEquals("", result.stderr());
    }

    @Test
    void watchedPathsCanComeFromTheEnvironment() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        try (Catflap.Running catflap = Catflap.launcher().env("CATFLAP_WATCH", src.toString()).start(args(List.of("-p", "0"), Catflap.probe("exit", "3")))) {
            catflap.awaitStderr("[catflap] the command exited with status 3; it starts again on the next change");
            assertTrue(catflap.process().isAlive(), "catflap waits for a change");
        }
    }

    @Test
    void sigintEndsCatflapAndTheCommand() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", src.toString()), Catflap.probe("serve-forever")))) {
            long child = Long.parseLong(request("127.0.0.1", catflap.awaitPort()).substring("pid ".length()));
            catflap.signal("INT");
            // the server exits 0 on SIGINT; catflap says it was interrupted, as a shell's job would
            assertEquals(130, catflap.await().exit(), "catflap's status after SIGINT");
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the server has ended too");
        }
    }

    @Test
    void commandThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> options = List.of("-p", "0", "--watch", src.toString(), "--grace", "0.5");
        try (Catflap.Running catflap = Catflap.launcher().start(args(options, Catflap.probe("stubborn")))) {
            long first = SpawnIT.readyPid(catflap.awaitStdout("ready"));
            Files.writeString(src.resolve("a.txt"), "a");
            String stdout = catflap.awaitStdout("ready", 2);
            long second = SpawnIT.readyPid(stdout.substring(stdout.indexOf("ready") + 1));
            assertNotEquals(first, second);
            assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false), "the stubborn one was killed");
        }
    }

    @Test
    void quietRestartsSilently() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> options = List.of("-q", "-p", "0", "--watch", src.toString());
        try (Catflap.Running catflap = Catflap.launcher().start(args(options, List.of("sh", "-c", "echo run; exit 3")))) {
            catflap.awaitStdout("run");
            Files.writeString(src.resolve("a.txt"), "a");
            catflap.awaitStdout("run", 2);
            catflap.signal("TERM");
            Catflap.Result result = catflap.await();
            assertEquals("", result.stderr());
        }
    }

    /**
     * SIGTERM ends catflap and its current server, whose status is catflap's. {@code reply} is the
     * current server's (after a restart, a reply from a pid other than the last server's: the
     * restart notice comes before the old server ends, and the new one exits 0 on SIGTERM only
     * once it serves).
     */
    private static void endsWithItsServer(Catflap.Running catflap, String reply) {
        long server = Long.parseLong(reply.substring("pid ".length()));
        catflap.signal("TERM");
        assertEquals(0, catflap.await().exit());
        assertFalse(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false), "the server has ended too");
    }

    /** The first reply that is not {@code reply}, or {@code reply} once catflap's timeout has passed. */
    private static String replyOtherThan(String reply, int port) throws IOException {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        String next = request("127.0.0.1", port);
        while (next.equals(reply) && System.nanoTime() < deadline) {
            next = request("127.0.0.1", port);
        }
        return next;
    }
}
