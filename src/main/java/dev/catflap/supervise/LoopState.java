package dev.catflap.supervise;

import dev.catflap.supervise.Event.Changed;

/**
 * What the {@link RestartLoop} has decided so far: its one job is to hold the loop's state in one
 * place, changed only through the transitions below, so that the loop's code says what happened
 * ({@link #starting}, {@link #stop}, {@link #interruptedBy}) rather than which fields to set. The
 * processes themselves are {@link RunProcesses}'s to know; this is the loop's side.
 *
 * <p>The loop is {@link Phase#RUNNING} from its first start; under --watch it is
 * {@link Phase#WAITING_FOR_CHANGE} after the child exited by itself or could not start, until the
 * next start; it is {@link Phase#STOPPING} once catflap is to end, and leaves that phase only by
 * ending. A restart may wait meanwhile ({@link RestartPacing}), running or not.
 */
final class LoopState {
    /** No restart waits: the loop waits for events alone. */
    static final long NEVER = Long.MAX_VALUE;

    enum Phase {
        /** A run is under way: its child has not been reaped yet. */
        RUNNING,
        /** Watching: the child exited by itself, or could not start; the next change starts it. */
        WAITING_FOR_CHANGE,
        /** catflap ends once what is left of the run is over; nothing starts any more. */
        STOPPING
    }

    /** A restart that waits: when it is due (System.nanoTime()), and the changes it is for. */
    private record WaitingRestart(long due, Changed changes) {
    }

    private Phase phase = Phase.RUNNING; // the loop starts the first run at once
    /**
     * The ending signal this run got from catflap, or 0: a run that has one is not sent SIGTERM on
     * top, and it is the signal named where --grace runs out.
     */
    private int runSignal;
    /** True once this run's child was sent SIGKILL when --grace ran out. */
    private boolean childKilled;
    /** How the last child ended. */
    private Ending lastChild;
    /** The keyboard signal (SIGINT, SIGQUIT) that interrupted catflap's run, or 0: catflap ends by it. */
    private int interruptedBy;
    private WaitingRestart waitingRestart;

    /** A run starts: a new child, which has no signal from catflap yet. */
    void starting() {
        phase = Phase.RUNNING;
        runSignal = 0;
        childKilled = false;
    }

    /** The command could not start: the next change tries again. */
    void notStarted() {
        phase = Phase.WAITING_FOR_CHANGE;
    }

    /** The child was reaped, having ended as {@code child}; a keyboard signal its run got ends catflap. */
    void reaped(Ending child, int keyboard) {
        lastChild = child;
        if (keyboard != 0) {
            interruptedBy(keyboard);
        }
    }

    /** The child exited by itself while watching: the loop waits for the next change. */
    void exitedByItself() {
        phase = Phase.WAITING_FOR_CHANGE;
    }

    /** catflap is to end, once the run is over. */
    void stop() {
        phase = Phase.STOPPING;
    }

    /** The keyboard signal {@code signal} interrupted catflap's run: catflap ends, by that signal. */
    void interruptedBy(int signal) {
        interruptedBy = signal;
        stop();
    }

    /** catflap sent the run the ending signal {@code signal}. */
    void runSignalled(int signal) {
        runSignal = signal;
    }

    /** The child was sent SIGKILL when --grace ran out. */
    void childKilled() {
        childKilled = true;
    }

    /**
     * Changes came while a restart waits already: it is for them too, and named by the latest.
     * False when no restart waits.
     */
    boolean alsoRestartFor(Changed changes) {
        if (waitingRestart == null) {
            return false;
        }
        waitingRestart = new WaitingRestart(waitingRestart.due(), changes.after(waitingRestart.changes()));
        return true;
    }

    /** The restart for {@code changes} waits until {@code due} (System.nanoTime()). */
    void restartAt(long due, Changed changes) {
        waitingRestart = new WaitingRestart(due, changes);
    }

    /** The restart that waits, if any, comes now or not at all: another restart or the end came first. */
    void dropWaitingRestart() {
        waitingRestart = null;
    }

    /** When the restart that waits is due (System.nanoTime()), or {@link #NEVER}. */
    long restartDue() {
        return waitingRestart == null ? NEVER : waitingRestart.due();
    }

    /** The changes of the restart that waits, where it is due at {@code now}, no longer waiting; else null. */
    Changed takeDueRestart(long now) {
        if (waitingRestart == null || now - waitingRestart.due() < 0) {
            return null;
        }
        Changed changes = waitingRestart.changes();
        waitingRestart = null;
        return changes;
    }

    boolean stopping() {
        return phase == Phase.STOPPING;
    }

    Phase phase() {
        return phase;
    }

    boolean runSignalled() {
        return runSignal != 0;
    }

    int runSignal() {
        return runSignal;
    }

    boolean childWasKilled() {
        return childKilled;
    }

    Ending lastChild() {
        return lastChild;
    }

    int interruptedBy() {
        return interruptedBy;
    }
}
