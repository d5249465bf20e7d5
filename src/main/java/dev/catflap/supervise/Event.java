package dev.catflap.supervise;

import java.nio.file.Path;

/** What the supervisor reacts to, reported by the threads that wait for each kind. */
sealed interface Event {
    /** The child {@code pid} has ended; it waits to be reaped. */
    record Exited(int pid) implements Event {
    }

    /** Files changed under a watched path; {@code path} is the first of them. */
    record Changed(Path path) implements Event {
    }

    /**
     * catflap received {@code signal}; {@code toWholeGroup} when it came from the terminal, which
     * sent the child the same signal.
     */
    record Signalled(int signal, boolean toWholeGroup) implements Event {
    }
}
