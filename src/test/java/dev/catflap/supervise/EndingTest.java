package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a supervising catflap ends after its child: the child's status, or by the child's signal. */
class EndingTest {
    private static final int SIGINT = 2;
    private static final int SIGQUIT = 3;
    private static final int SIGTERM = 15;

    @Test
    void aChildThatExitedGivesItsStatusAndNoSignal() {
        assertEquals(new Ending(3, 0), Ending.of(3 << 8));
        assertEquals(new Ending(0, 0), Ending.of(0));
    }

    @Test
    void aChildKilledBySignalEndsCatflapByIt() {
        assertEquals(new Ending(143, SIGTERM), Ending.of(SIGTERM));
        assertEquals(new Ending(139, 11), Ending.of(11 | 0x80), "core dumped");
        assertEquals(new Ending(130, SIGINT), Ending.bySignal(SIGINT));
    }

    @Test
    void aStatusOf128PlusNCountsAsEndedByN() {
        // A JVM that gets SIGINT exits with 130 rather than by the signal: still an end by Ctrl-C.
        assertTrue(Ending.of(130 << 8).after(SIGINT));
        assertTrue(Ending.of(SIGQUIT).after(SIGQUIT));
        assertFalse(Ending.of(2 << 8).after(SIGINT));
        assertFalse(Ending.of(SIGTERM).after(SIGINT));
    }
}
