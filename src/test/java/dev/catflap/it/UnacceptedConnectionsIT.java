package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that wait in catflap's queue are never left waiting in silence: catflap says so at once
 * when no command runs to accept them; when the command runs and accepts none, it says after 10 s
 * that it may still be starting, and only after 30 s that it may serve on a port of its own (as
 * Jetty does without --stdin). Each once, and nothing while the command accepts.
 */
class UnacceptedConnectionsIT {
    private static final String STILL_STARTING = " has accepted none yet; it may still be starting\n";
    private static final String OWN_PORT = " accepted none: unless it is still starting, it may serve on a port of its own"
            + " instead of catflap's socket (a Java server takes it from fd 0 with --stdin: see Java servers in the README)\n";
    private static final String NOT_RUNNING = ", but the command is not running (it exited with status 3); it starts again"
            + " on the next change in ";

    @TempDir
    Path directory;

    @Test
    void connectionsLeftInTheQueueAreSaidToWaitForAStartThenForAPortOfItsOwn() throws Exception {
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--spawn"), List.of("sleep", "60")));
                Socket first = new Socket();
                Socket second = new Socket()) {
            int port = catflap.awaitPort();
            // The kernel completes the connections and queues them: nothing ever accepts them.
            first.connect(new InetSocketAddress("127.0.0.1", port));
            second.connect(new InetSocketAddress("127.0.0.1", port));
            String stderr = catflap.awaitStderr(STILL_STARTING);
            assertTrue(Pattern.compile("(?m)^\\[catflap] 2 connections to 127\\.0\\.0\\.1:" + port
                    + " waited 10 s: the command \\(started \\d+ s ago\\)" + Pattern.quote(STILL_STARTING)).matcher(stderr).find(), stderr);
            assertFalse(stderr.contains(OWN_PORT), stderr);
            stderr = catflap.awaitStderr(OWN_PORT);
            assertTrue(Pattern.compile("(?m)^\\[catflap] 2 connections to 127\\.0\\.0\\.1:" + port
                    + " waited 30 s and the command \\(started \\d+ s ago\\)" + Pattern.quote(OWN_PORT)).matcher(stderr).find(), stderr);
            Catflap.sleep(4_000); // the queue still holds them: each said once per run, not at every look
            assertEquals(1, Catflap.occurrences(catflap.stderr(), STILL_STARTING), catflap.stderr());
            assertEquals(1, Catflap.occurrences(catflap.stderr(), OWN_PORT), catflap.stderr());
        }
    }

    @Test
    void aSlowStartIsSaidToBeStillStartingAndNotAMistake() throws Exception {
        // The command accepts after 16 s, as a JVM framework that takes long to start: past the
        // first notice, before the suggestion of a mistake.
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--spawn"), Catflap.probe("serve", "1", "16")))) {
            int port = catflap.awaitPort();
            assertEquals("pid ", CoreIT.request("127.0.0.1", port).substring(0, 4));
            String stderr = catflap.stderr();
            assertEquals(1, Catflap.occurrences(stderr, STILL_STARTING), stderr);
            assertFalse(stderr.contains("port of its own"), stderr);
        }
    }

    @Test
    void aClientWaitingWhileTheCommandDoesNotRunIsSaidOnceWithTheLastStatus() throws Exception {
        Path watched = Files.createDirectory(directory.resolve("d"));
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--watch", watched.toString()),
                List.of("sh", "-c", "exit 3")));
                Socket client = new Socket()) {
            int port = catflap.awaitPort();
            catflap.awaitStderr("the command exited with status 3");
            client.connect(new InetSocketAddress("127.0.0.1", port));
            String line = "[catflap] 1 connection waits at 127.0.0.1:" + port + NOT_RUNNING + watched + "\n";
            catflap.awaitStderr(line);
            Catflap.sleep(4_000); // it still waits: said once, not at every look
            assertEquals(1, Catflap.occurrences(catflap.stderr(), NOT_RUNNING), catflap.stderr());
        }
    }

    @Test
    void aCommandThatAcceptsDrawsNoNotice() throws Exception {
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--spawn"), Catflap.probe("serve-forever")));
                Replies client = new Replies(catflap.awaitPort())) {
            client.awaitServers(1);
            Catflap.sleep(12_000);
            client.close();
            assertEquals(0, client.failures.get(), "failed requests; the first: " + client.firstFailure.get());
            assertFalse(catflap.stderr().contains("accepted none"), catflap.stderr());
            assertFalse(catflap.stderr().contains(" waits at "), catflap.stderr());
        }
    }

    @Test
    void aCommandThatAcceptsWhileOthersQueueDrawsNoNotice() throws Exception {
        // One accept a second, and two clients that each connect again 0.3 s after their answer:
        // the queue is never empty, but the command takes from it all the time (a busy server).
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--spawn"), Catflap.probe("serve-slowly", "1")))) {
            int port = catflap.awaitPort();
            List<Thread> clients = new ArrayList<>();
            AtomicInteger answered = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>();
            long end = System.nanoTime() + 13_000_000_000L;
            for (int i = 0; i < 2; i++) {
                Thread client = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            if (!CoreIT.request("127.0.0.1", port).startsWith("pid ")) {
                                throw new IOException("not answered");
                            }
                            answered.incrementAndGet();
                            Thread.sleep(300);
                        } catch (IOException | InterruptedException | RuntimeException e) {
                            failure.compareAndSet(null, e.toString());
                            return;
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            for (Thread client : clients) {
                client.join();
            }
            assertEquals(null, failure.get());
            assertTrue(answered.get() >= 10, "answered: " + answered.get());
            assertFalse(catflap.stderr().contains("accepted none"), catflap.stderr());
        }
    }
}
