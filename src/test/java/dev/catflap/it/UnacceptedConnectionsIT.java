package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A supervised command that never accepts on catflap's socket (it serves on a port of its own, as
 * Jetty does without --stdin) leaves its clients waiting in the queue with nothing said: catflap
 * says it once connections have waited 10 s, and not while the command accepts them.
 */
class UnacceptedConnectionsIT {
    private static final String NOTICE = " waited 10 s and the command accepted none: it may still be starting, or it may"
            + " serve on a port of its own instead of catflap's socket (a Java server takes it from fd 0 with --stdin:"
            + " see Java servers in the README)\n";

    @Test
    void connectionsLeftInTheQueueAreNamedOnce() throws Exception {
        try (Catflap.Running catflap = Catflap.launcher().start(args(List.of("-p", "0", "--spawn"), List.of("sleep", "60")));
                Socket first = new Socket();
                Socket second = new Socket()) {
            int port = catflap.awaitPort();
            // The kernel completes the connections and queues them: nothing ever accepts them.
            first.connect(new InetSocketAddress("127.0.0.1", port));
            second.connect(new InetSocketAddress("127.0.0.1", port));
            String stderr = catflap.awaitStderr(NOTICE);
            assertEquals(1, Catflap.occurrences(stderr, "[catflap] 2 connections to 127.0.0.1:" + port + NOTICE), stderr);
            Catflap.sleep(11_000); // the queue still holds them: said once per run, not every 10 s
            assertEquals(1, Catflap.occurrences(catflap.stderr(), NOTICE), catflap.stderr());
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
            assertFalse(catflap.stderr().contains(NOTICE), catflap.stderr());
        }
    }
}
