package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.catflap.supervise.Event.Unaccepted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What catflap says about waiting clients, and when, against a made-up clock (seconds as nanoseconds). */
class WaitingClientsTest {
    private static final long S = 1_000_000_000L;
    private static final String ADDRESS = "127.0.0.1:18080";
    private static final String NOT_RUNNING = "1 connection waits at " + ADDRESS + ", but the command is not running"
            + " (it exited with status 3); it starts again on the next change in d, e";
    private static final String OWN_PORT_HINT = "it may serve on a port of its own";

    private final List<String> notices = new ArrayList<>();
    private final WaitingClients clients = new WaitingClients(notices::add, List.of(Path.of("d"), Path.of("e")));

    @Test
    void aClientWaitingWhileNoCommandRunsIsSaidAtOnceAndOnce() {
        clients.started(0);
        clients.ended(new Ending(3, 0));
        for (long t = 5; t < 100; t++) {
            clients.waiting(waiting(1, 5), t * S, false);
        }
        assertEquals(List.of(NOT_RUNNING), notices);
    }

    @Test
    void eachTimeWithoutACommandIsSaidOnceMore() {
        clients.started(0);
        clients.ended(new Ending(3, 0));
        clients.waiting(waiting(1, 5), 5 * S, false);
        clients.started(6 * S);
        clients.ended(new Ending(137, 9));
        clients.waiting(waiting(2, 5), 8 * S, false);
        clients.waiting(waiting(2, 5), 9 * S, false);
        clients.notRunning("it could not start");
        clients.waiting(waiting(2, 5), 10 * S, false);
        assertEquals(List.of(NOT_RUNNING, "2 connections wait at " + ADDRESS + ", but the command is not running (it was ended"
                + " by signal 9); it starts again on the next change in d, e", "2 connections wait at " + ADDRESS
                + ", but the command is not running (it could not start); it starts again on the next change in d, e"), notices);
    }

    @Test
    void aSlowStartIsFirstSaidToBeStillStartingThenTheMistakeIsSuggestedOnce() {
        clients.started(0);
        for (long t = 1; t < 30; t++) {
            clients.waiting(waiting(1, 1), t * S, true);
        }
        assertEquals(List.of("1 connection to " + ADDRESS + " waited 10 s: the command (started 11 s ago) has accepted none"
                + " yet; it may still be starting"), notices);
        for (long t = 30; t < 100; t++) {
            clients.waiting(waiting(1, 1), t * S, true);
        }
        assertEquals(2, notices.size(), notices.toString());
        assertEquals("1 connection to " + ADDRESS + " waited 30 s and the command (started 31 s ago) accepted none: unless it"
                + " is still starting, " + OWN_PORT_HINT + " instead of catflap's socket (a Java server takes it from fd 0 with"
                + " --stdin: see Java servers in the README)", notices.get(1));
    }

    @Test
    void clientsThatWaitedWhileNoCommandRanCountFromTheNextStart() {
        clients.started(0);
        clients.ended(new Ending(3, 0));
        clients.waiting(waiting(1, 5), 5 * S, false);
        clients.started(100 * S); // they have waited 95 s by now
        clients.waiting(waiting(1, 5), 101 * S, true);
        clients.waiting(waiting(1, 5), 109 * S, true);
        assertEquals(List.of(NOT_RUNNING), notices);
        clients.waiting(waiting(1, 5), 110 * S, true);
        assertEquals(2, notices.size(), notices.toString());
        assertEquals("1 connection to " + ADDRESS + " waited 10 s: the command (started 10 s ago) has accepted none yet;"
                + " it may still be starting", notices.get(1));
    }

    @Test
    void eachRunMaySayEachLineOnce() {
        clients.started(0);
        clients.waiting(waiting(1, 0), 30 * S, true);
        clients.started(40 * S);
        clients.waiting(waiting(1, 41), 51 * S, true);
        clients.waiting(waiting(1, 41), 52 * S, true);
        assertEquals(2, notices.size(), notices.toString());
        assertEquals(true, notices.get(0).contains(OWN_PORT_HINT), notices.get(0));
        assertEquals(true, notices.get(1).endsWith("it may still be starting"), notices.get(1));
    }

    private static Unaccepted waiting(int connections, long sinceSeconds) {
        return new Unaccepted(ADDRESS, connections, sinceSeconds * S);
    }
}
