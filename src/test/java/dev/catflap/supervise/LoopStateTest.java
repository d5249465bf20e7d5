package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Changed;
import dev.catflap.supervise.LoopState.Phase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The supervising loop's transitions, one at a time. */
class LoopStateTest {
    private final LoopState state = new LoopState();

    @Test
    void aRunThatExitsByItselfWaitsForAChangeAndTheNextStartForgetsItsSignals() {
        state.starting();
        state.runSignalled(Signals.SIGUSR1);
        state.childKilled();
        state.reaped(new Ending(3, 0), 0);
        state.exitedByItself();
        assertEquals(Phase.WAITING_FOR_CHANGE, state.phase());
        assertEquals(new Ending(3, 0), state.lastChild());
        state.starting();
        assertEquals(Phase.RUNNING, state.phase());
        assertFalse(state.runSignalled());
        assertFalse(state.childWasKilled());
    }

    @Test
    void aKeyboardSignalTheRunGotStopsCatflapByIt() {
        state.starting();
        state.reaped(new Ending(0, 0), Signals.SIGINT);
        assertTrue(state.stopping());
        assertEquals(Signals.SIGINT, state.interruptedBy());
    }

    @Test
    void aCommandThatCannotStartWaitsForAChange() {
        state.starting();
        state.notStarted();
        assertEquals(Phase.WAITING_FOR_CHANGE, state.phase());
    }

    @Test
    void aRestartThatWaitsIsForEveryChangeMeanwhileAndComesOnceWhenDue() {
        Path a = Path.of("a.py");
        Path b = Path.of("b.py");
        assertEquals(LoopState.NEVER, state.restartDue());
        assertFalse(state.alsoRestartFor(new Changed(a)), "no restart waits yet");
        state.restartAt(1_000, new Changed(a));
        assertTrue(state.alsoRestartFor(new Changed(b)));
        assertEquals(1_000, state.restartDue());
        assertNull(state.takeDueRestart(999));
        Changed due = state.takeDueRestart(1_000);
        assertEquals(b, due.path());
        assertEquals(java.util.Set.of(a, b), due.paths());
        assertNull(state.takeDueRestart(2_000));
        assertEquals(LoopState.NEVER, state.restartDue());
    }

    @Test
    void aRestartOnDemandDropsTheOneThatWaits() {
        state.restartAt(1_000, new Changed(Path.of("a.py")));
        state.dropWaitingRestart();
        assertNull(state.takeDueRestart(2_000));
    }
}
