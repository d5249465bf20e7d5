package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The signals the system has, asked of posix rather than counted by its callers (Linux: 1..64). */
class SignalsTest {
    @Test
    void linuxHasSignalsOneToSixtyFour() {
        assertTrue(Signals.exists(1));
        assertTrue(Signals.exists(64));
        assertFalse(Signals.exists(0));
        assertFalse(Signals.exists(65));
        assertFalse(Signals.exists(-1));
    }

    @Test
    void everySignalButKillAndStopHasAnActionToSet() {
        int[] expected = IntStream.rangeClosed(1, 64).filter(signal -> signal != Signals.SIGKILL && signal != Signals.SIGSTOP).toArray();
        assertArrayEquals(expected, Signals.settable());
    }
}
