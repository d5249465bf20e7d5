package dev.catflap.supervise;

/**
 * How a supervising catflap ends: with an exit status, or by the signal that ended its child (or
 * itself, when no child was running), as shells, timeout and sudo end.
 *
 * @param status the exit status; 128 + N for signal N, where catflap cannot end by the signal
 *     itself (in dev mode, whose JVM lives on)
 * @param signal the signal to end by, or 0 to exit with {@code status}
 */
public record Ending(int status, int signal) {
    private static final int SIGNAL_BITS = 0x7f;
    private static final int KILLED_BY_SIGNAL = 128;

    /** A child's wait status: its exit code, or the signal that ended it. */
    static Ending of(int waitStatus) {
        int signal = waitStatus & SIGNAL_BITS;
        return signal == 0 ? new Ending((waitStatus >> 8) & 0xff, 0) : bySignal(signal);
    }

    static Ending bySignal(int signal) {
        return new Ending(KILLED_BY_SIGNAL + signal, signal);
    }

    /** True when the status is what a process says it got on {@code signal}, or that signal ended it. */
    boolean after(int signal) {
        return status == KILLED_BY_SIGNAL + signal;
    }
}
