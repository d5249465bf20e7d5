package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static dev.catflap.it.CoreIT.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A supervised run is every process the command started: the server behind a shell (npm, sh -c,
 * Maven) is a grandchild. Restarts and catflap's end, however it comes, leave none of them behind.
 */
class ProcessTreeIT {
    /** Time enough for processes that were sent SIGKILL, or for a watchdog to notice. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    /** {@code command} run by sh, which does not exec it as a last command: it waits, then runs ":". */
    private static List<String> behindShell(String setUp, List<String> command) {
        List<String> words = new ArrayList<>(List.of("sh", "-c", setUp + "\"$0\" \"$@\"; :"));
        words.addAll(command);
        return words;
    }

    private List<String> options(String mode) {
        List<String> options = new ArrayList<>(List.of("-p", "0"));
        options.addAll(mode.equals("--watch") ? List.of("--watch", temp.toString()) : List.of(mode));
        return options;
    }

    @Test
    void restartEndsTheServerBehindAShellAndOnlyTheNewOneAnswers() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path file = Files.writeString(src.resolve("app.txt"), "0");
        List<String> command = behindShell("", Catflap.probe("serve-forever"));
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", src.toString()), command));
                Replies replies = new Replies(catflap.awaitPort())) {
            replies.awaitServers(1);
            for (int change = 1; change <= 5; change++) {
                Files.writeString(file, Integer.toString(change));
                List<Long> servers = replies.awaitServers(change + 1);
                List<Long> old = servers.subList(0, change);
                assertEquals(List.of(), old.stream().filter(pid -> !Processes.gone(pid)).toList(),
                        "servers of earlier runs still running once the new one answers: " + servers);
            }
            replies.close();
            assertEquals(0, replies.failures.get(), "failed requests; the first: " + replies.firstFailure.get());
            assertTrue(replies.eachServerInTurn(), "a server answered after the next one had: " + replies.order);
        }
    }

    /** A server that left the group (setsid) is adopted by catflap and ended too, after the grace period at most. */
    @ParameterizedTest
    @ValueSource(strings = {"--spawn", "--watch"})
    void sigtermToCatflapEndsEveryProcessOfTheRun(String mode) throws IOException {
        List<String> command = behindShell("setsid sleep 600 & sleep 601 & ", Catflap.probe("serve-forever"));
        // --grace is for --watch: a variable gives it to --spawn as well
        try (Catflap.Running catflap = Catflap.launcher().env("CATFLAP_GRACE", "1").start(args(options(mode), command))) {
            request("127.0.0.1", catflap.awaitPort());
            List<Long> tree = awaitDescendants(catflap.pid(), 4); // sh, its two sleeps, the server
            catflap.signal("TERM");
            catflap.await();
            assertEquals(List.of(), Processes.stillRunningAfter(BOUND, tree), "of " + tree);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--spawn", "--watch"})
    void killedCatflapTakesTheCommandAndItsChildrenAlong(String mode) throws IOException {
        try (Catflap.Running catflap = Catflap.launcher().start(args(options(mode), behindShell("", Catflap.probe("serve-forever"))))) {
            int port = catflap.awaitPort();
            long server = Long.parseLong(request("127.0.0.1", port).substring("pid ".length()));
            long shell = Processes.parent(server);
            assertEquals(catflap.pid(), Processes.parent(shell), "the server is catflap's grandchild");
            catflap.signal("KILL");
            catflap.await();
            assertEquals(List.of(), Processes.stillRunningAfter(BOUND, List.of(shell, server)));
            Catflap.Result again = Catflap.launcher().run("-q", "-p", Integer.toString(port), "--", "true");
            assertEquals(0, again.exit(), "the port is free again: " + again.stderr());
        }
    }

    /**
     * kill -TERM -PGID (or timeout) signals catflap's whole group: the command, in a group of its
     * own, gets the signal from catflap alone, and catflap never takes its end for one to restart.
     */
    @Test
    void groupSigtermNeverSaysTheCommandStartsAgain() {
        for (int attempt = 0; attempt < 20; attempt++) { // the old race showed about once in 10
            Catflap launcher = Catflap.launcher();
            List<String> command = new ArrayList<>(List.of("setsid"));
            command.addAll(launcher.commandLine(args(options("--watch"), List.of("sleep", "600"))));
            try (Catflap.Running catflap = launcher.startDirectly(command)) {
                catflap.awaitPort();
                awaitCommand(catflap.pid(), "sleep");
                assertEquals(0, Processes.run("kill", "-s", "TERM", "--", "-" + catflap.pid()));
                Catflap.Result result = catflap.await();
                assertFalse(result.stderr().contains("starts again"), "attempt " + attempt + ": " + result.stderr());
            }
        }
    }

    @Test
    void commandCanReadTheTerminal() {
        List<String> typing = new ArrayList<>(Catflap.probe("typing"));
        typing.addAll(Catflap.launcher().commandLine(args(List.of("-q", "-p", "0", "--spawn"),
                List.of("sh", "-c", "echo ready; read line; echo \"read $line\""))));
        Catflap.Result result = Catflap.launcher().runDirectly(typing);
        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("read hello"), result.stdout());
    }

    /**
     * The command has the terminal: Ctrl-C reaches it alone, once, and ends catflap though the
     * command goes on after it: catflap ends killed by SIGINT (the probe, which reports a death by
     * signal N as -N, exits with 256 - 2).
     */
    @Test
    void ctrlCReachesTheWatchedCommandOnce() {
        List<String> terminal = new ArrayList<>(Catflap.probe("terminal"));
        terminal.addAll(Catflap.launcher().commandLine(args(options("--watch"), Catflap.probe("signals", "7"))));
        Catflap.Result result = Catflap.launcher().runDirectly(terminal);
        assertEquals(256 - 2, result.exit(), result.stdout() + result.stderr());
        assertEquals(1, Catflap.occurrences(result.stdout(), "got SIGINT"), result.stdout());
        assertEquals(1, Catflap.occurrences(result.stdout(), "got SIGTERM"), result.stdout());
    }

    /**
     * Ctrl-Z stops the command's group, which has the terminal: catflap takes the terminal back and
     * stops its own job for the shell. Here catflap leads a session of its own, whose group the
     * kernel does not stop: the command goes on, and takes the Ctrl-C that follows, which ends
     * catflap (killed by SIGINT: the probe exits with 256 - 2).
     */
    @Test
    void ctrlZNeverLeavesTheTerminalWithAStoppedCommand() {
        List<String> terminal = new ArrayList<>(Catflap.probe("terminal-suspend"));
        terminal.addAll(Catflap.launcher().commandLine(args(List.of("-p", "0", "--spawn"), Catflap.probe("signals", "7"))));
        Catflap.Result result = Catflap.launcher().runDirectly(terminal);
        assertEquals(256 - 2, result.exit(), result.stdout() + result.stderr());
        assertEquals(1, Catflap.occurrences(result.stdout(), "got SIGINT"), result.stdout());
    }

    private static List<Long> awaitDescendants(long pid, int count) {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (true) {
            List<Long> below = Processes.descendants(pid).stream()
                    .filter(p -> !commandOf(p).orElse("").contains("catflap-watchdog")).toList();
            if (below.size() >= count || System.nanoTime() > deadline) {
                assertTrue(below.size() >= count, "processes below catflap: " + below);
                return below;
            }
            Catflap.sleep(20);
        }
    }

    private static void awaitCommand(long pid, String name) {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (Processes.descendants(pid).stream().noneMatch(p -> commandOf(p).orElse("").startsWith(name))) {
            assertTrue(System.nanoTime() < deadline, "no " + name + " below catflap");
            Catflap.sleep(20);
        }
    }

    private static Optional<String> commandOf(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' '));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }
}
