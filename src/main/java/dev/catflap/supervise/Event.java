package dev.catflap.supervise;

import dev.catflap.posix.OsString;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

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

    /**
     * Files changed under the watched paths, in one burst: {@code path} is the one to name (the
     * file saved, see {@link Watcher}), {@code paths} all of them, it included.
     */
    record Changed(Path path, Set<Path> paths) implements Event {
        Changed(Path path) {
            this(path, Set.of(path));
        }

        /** These changes after {@code earlier} ones (or none: null), named by the latest. */
        Changed after(Changed earlier) {
            if (earlier == null) {
                return this;
            }
            Set<Path> all = new LinkedHashSet<>(earlier.paths());
            all.addAll(paths);
            return new Changed(path, all);
        }

        /** As the restart line says it: {@code src/app.py changed (and 3 more)}, the path with its own bytes. */
        String description() {
            int others = paths.size() - (paths.contains(path) ? 1 : 0);
            return OsString.of(path) + " changed" + (others > 0 ? " (and " + others + " more)" : "");
        }
    }

    /**
     * {@code waiting} connections wait unaccepted in the queue of {@code address}, which has held
     * some, and none was accepted, since {@code since} (System.nanoTime()); see {@link UnacceptedConnections}.
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
