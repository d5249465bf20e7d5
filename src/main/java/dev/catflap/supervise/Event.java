package dev.catflap.supervise;

import java.nio.file.Path;

/** What the supervisor reacts to, reported by the threads that wait for each kind. */
sealed interface Event {
    /** The child {@code pid} has ended; it waits to be reaped. */
    record Exited(int pid) implements Event {
    }

    /** The child {@code pid} has stopped (Ctrl-Z, where it has the terminal). */
    record Stopped(int pid) implements Event {
    }

    /** A process catflap adopted (an orphan of a run) has ended, and is reaped already. */
    record Reaped(int pid) implements Event {
    }

    /** Files changed under a watched path; {@code path} is the first of them. */
    record Changed(Path path) implements Event {
    }

    /**
     * {@code waiting} connections wait unaccepted in the queue of {@code address}, which has held
     * some at every look since {@code since} (System.nanoTime()); see {@link UnacceptedConnections}.
     */
    record Unaccepted(String address, int waiting, long since) implements Event {
    }

    /**
     * catflap received {@code signal}. It never comes from the terminal the command's group has: a
     * terminal signals its foreground group only, and the command's group is not catflap's.
     */
    record Signalled(int signal) implements Event {
    }
}
