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
     * catflap received {@code signal}; {@code fromTerminal} where the terminal sent it (Ctrl-C,
     * Ctrl-\ while catflap's group has the terminal), as far as catflap can tell. A terminal signals
     * its foreground group only: while the command's group has it, its Ctrl-C comes as {@link Interrupted}.
     */
    record Signalled(int signal, boolean fromTerminal) implements Event {
        Signalled(int signal) {
            this(signal, false);
        }
    }

    /**
     * The run's process group got {@code signal}, SIGINT or SIGQUIT, as the terminal sends it for
     * Ctrl-C or Ctrl-\ (see {@link Tripwire}), or a kill of the whole group.
     */
    record Interrupted(int signal) implements Event {
    }

    /** catflap is in its terminal's foreground again ({@code fg}) while the run is not. */
    record Foreground() implements Event {
    }
}
