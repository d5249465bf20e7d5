package dev.catflap.supervise;

import dev.catflap.ExitStatus;

/**
 * How a supervising catflap ends: with an exit status, or by the signal that ended its child (or
 * itself, when no child was running), as shells, timeout and sudo end.
 *
 * @param status the exit status; 128 + N for signal N ({@link ExitStatus#afterSignal}), where
 *     catflap cannot end by the signal itself (in dev mode, whose JVM lives on)
 * @param signal the signal to end by, or 0 to exit with {@code status}
 */
public record Ending(int status, int signal) {
    /** A child's wait status: its exit code, or the signal that ended it. */
    static Ending of(int waitStatus) {
        return new Ending(ExitStatus.of(waitStatus), ExitStatus.signalOf(waitStatus));
    }

    static Ending bySignal(int signal) {
        return new Ending(ExitStatus.afterSignal(signal), signal);
    }

    /** True when the status is what a process says it got on {@code signal}, or that signal ended it. */
    boolean after(int signal) {
        return status == ExitStatus.afterSignal(signal);
    }
}
