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

    /** {@code waiting} connections to {@code address} have waited long, unaccepted (see {@link UnacceptedConnections}). */
    record Unaccepted(String address, int waiting) implements Event {
    }

    /**
     * catflap received {@code signal}. It never comes from the terminal the command's group has: a
     * terminal signals its foreground group only, and the command's group is not catflap's.
     */
    record Signalled(int signal) implements Event {
    }
}
