package dev.catflap.supervise;

import dev.catflap.supervise.Event.Unaccepted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What catflap says about connections waiting in its sockets' queues ({@link Unaccepted}): a
 * client waits in silence otherwise, and its developer is left to guess why. Each line is said
 * once per run, or once per time without one:
 * <ul>
 * <li>at once, when no command runs (it exited, or a restart could not start it): what ended the
 * last one and what starts the next;
 * <li>after {@link #STARTING}, when the command accepted none: it may still be starting (a JVM
 * framework often takes longer);
 * <li>after {@link #OWN_PORT}, when it still accepted none: beyond most slow starts, and the likely
 * mistake is a command that serves on a port of its own (a JVM not told to take the socket).
 * </ul>
 * The waits count from the run's start at the earliest: clients that waited while no command ran
 * do not make a command that has just started look slow.
 */
final class WaitingClients {
    static final Duration STARTING = Duration.ofSeconds(10);
    static final Duration OWN_PORT = Duration.ofSeconds(30);

    private final Consumer<String> notices;
    private final List<Path> watched;
    /** When the current run started (System.nanoTime()). */
    private long runStarted;
    /** Why no command runs (e.g. "it exited with status 3"), for the line that says so. */
    private String notRunning = "it has not started";
    private boolean saidNotRunning;
    private boolean saidStarting;
    private boolean saidOwnPort;

    /**
     * @param notices where the lines go
     * @param watched the paths whose next change starts the command again
     */
    WaitingClients(Consumer<String> notices, List<Path> watched) {
        this.notices = notices;
        this.watched = watched;
    }

    /** A run started at {@code now} (System.nanoTime()): each line may be said again. */
    void started(long now) {
        runStarted = now;
        saidStarting = false;
        saidOwnPort = false;
        saidNotRunning = false;
    }

    /** The command ended as {@code ending}, and waits for a change to start again. */
    void ended(Ending ending) {
        notRunning(ending.signal() == 0 ? "it exited with status " + ending.status() : "it was ended by signal " + ending.signal());
    }

    /** No command runs, for the reason {@code why} ("it could not start"). */
    void notRunning(String why) {
        notRunning = why;
        saidNotRunning = false;
    }

    /** Connections wait, seen at {@code now}; {@code running} tells whether a command runs to accept them. */
    void waiting(Unaccepted queue, long now, boolean running) {
        if (!running) {
            if (!saidNotRunning) {
                saidNotRunning = true;
                notices.accept(clients(queue) + (queue.waiting() == 1 ? " waits" : " wait") + " at " + queue.address()
                        + ", but the command is not running (" + notRunning + "); it starts again on the next change in "
                        + watched.stream().map(Path::toString).collect(Collectors.joining(", ")));
            }
            return;
        }
        long waited = now - Math.max(queue.since(), runStarted);
        String age = "the command (started " + seconds(now - runStarted) + " s ago)";
        if (waited >= OWN_PORT.toNanos() && !saidOwnPort) {
            saidOwnPort = saidStarting = true;
            notices.accept(clients(queue) + " to " + queue.address() + " waited " + OWN_PORT.toSeconds() + " s and " + age
                    + " accepted none: unless it is still starting, it may serve on a port of its own instead of catflap's"
                    + " socket (a Java server takes it from fd 0 with --stdin: see Java servers in the README)");
        } else if (waited >= STARTING.toNanos() && !saidStarting) {
            saidStarting = true;
            notices.accept(clients(queue) + " to " + queue.address() + " waited " + STARTING.toSeconds() + " s: " + age
                    + " has accepted none yet; it may still be starting");
        }
    }

    private static String clients(Unaccepted queue) {
        return queue.waiting() == 1 ? "1 connection" : queue.waiting() + " connections";
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
