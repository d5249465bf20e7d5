package dev.catflap.supervise;

import dev.catflap.CatflapException;
import dev.catflap.launch.CallerState;
import dev.catflap.launch.Spawn;
import dev.catflap.posix.Posix;
import dev.catflap.supervise.Event.Changed;
import dev.catflap.supervise.Event.Exited;
import dev.catflap.supervise.Event.Signalled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command as a child of catflap and stays with it: it passes on the signals catflap
 * receives and ends with the child's status. When watching, it restarts the child on the same
 * sockets after changes (SIGTERM, the grace period, then SIGKILL), waits for the next change when
 * the child exits by itself, and ends with the child on SIGHUP, SIGINT, SIGQUIT or SIGTERM. A
 * restart waits when changes keep coming right after each start ({@link RestartPacing}).
 *
 * <p>Other threads report what happens as {@link Event}s; this one alone acts on them, so the
 * child is only ever signalled by the thread that reaps it (and never after its pid is free).
 */
final class SupervisedCommand {
    private static final int NONE = 0;
    private static final int KILLED_BY_SIGNAL = 128;
    private static final long NEVER = Long.MAX_VALUE;
    /** How long nothing happens before catflap takes itself to be waiting. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Set<Integer> ENDING = Set.of(Posix.SIGHUP, Posix.SIGINT, Posix.SIGQUIT, Posix.SIGTERM);

    private final Posix posix;
    private final Spawn spawn;
    private final SignalSource signals;
    private final Supervision supervision;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final RestartPacing pacing;
    private int child = NONE;
    private boolean ending;
    /** A restart that waits: when it is due (System.nanoTime(), or NEVER), and the last change it is for. */
    private long restartDue = NEVER;
    private Path restartFor;

    SupervisedCommand(Posix posix, Spawn spawn, SignalSource signals, Supervision supervision) {
        this.posix = posix;
        this.spawn = spawn;
        this.signals = signals;
        this.supervision = supervision;
        this.pacing = new RestartPacing(this::notice, System.nanoTime());
    }

    /** Runs the command to the end; the status catflap exits with. */
    int run() {
        signals.start(events::add);
        try (Watcher watcher = watcher()) {
            started(spawn.start()); // a first start that fails ends catflap, as exec would
            return supervise();
        } finally {
            signals.stop();
        }
    }

    private Watcher watcher() {
        if (!supervision.watching()) {
            return null;
        }
        Watcher watcher = new Watcher(supervision.watched(), new IgnoreRules(supervision.ignored()));
        watcher.start(path -> events.add(new Changed(path)));
        return watcher;
    }

    private int supervise() {
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        while (true) {
            Event event = next(Math.min(quietUntil, restartDue));
            OptionalInt status;
            if (event != null) {
                status = handle(event);
            } else if (restartDue != NEVER && System.nanoTime() - restartDue >= 0) {
                restartDue = NEVER;
                status = restart(restartFor);
            } else {
                // What starting (or restarting) freed, such as the JIT's work areas, would stay
                // resident while catflap waits: once things are quiet, malloc gives it back.
                posix.releaseFreeMemory();
                quietUntil = Long.MAX_VALUE;
                continue;
            }
            if (status.isPresent()) {
                return status.getAsInt();
            }
            quietUntil = System.nanoTime() + QUIET.toNanos();
        }
    }

    private OptionalInt handle(Event event) {
        if (event instanceof Exited exited) {
            return exited(exited.pid());
        }
        if (event instanceof Signalled signalled) {
            return signalled(signalled);
        }
        return changed(((Changed) event).path());
    }

    private OptionalInt exited(int pid) {
        if (pid != child) {
            return OptionalInt.empty();
        }
        int status = reap();
        if (!supervision.watching() || ending) {
            return OptionalInt.of(status);
        }
        notice("the command exited with status " + status + "; it starts again on the next change");
        return OptionalInt.empty();
    }

    private OptionalInt signalled(Signalled signalled) {
        forward(signalled);
        if (!supervision.watching() || !ENDING.contains(signalled.signal())) {
            return OptionalInt.empty(); // without watching, catflap ends when its child does
        }
        ending = true;
        if (child == NONE) {
            return OptionalInt.of(KILLED_BY_SIGNAL + signalled.signal());
        }
        return OptionalInt.of(stop(false)); // the child has the signal already
    }

    /** A change: the restart at once, or later (see {@link RestartPacing}), but never lost. */
    private OptionalInt changed(Path path) {
        restartFor = path; // a restart that waits is for every change meanwhile; it names the latest
        if (restartDue != NEVER) {
            return OptionalInt.empty();
        }
        long now = System.nanoTime();
        Duration wait = pacing.waitFor(path, now);
        if (wait.isZero()) {
            return restart(path);
        }
        restartDue = now + wait.toNanos();
        return OptionalInt.empty();
    }

    private OptionalInt restart(Path path) {
        notice("restarting: " + path + " changed");
        if (child != NONE) {
            int status = stop(true);
            if (ending) {
                return OptionalInt.of(status);
            }
        }
        try {
            pacing.started(System.nanoTime());
            started(spawn.start());
        } catch (CatflapException e) {
            notice(e.getMessage() + "; trying again on the next change");
        }
        return OptionalInt.empty();
    }

    /** Ends the child: SIGTERM unless it has its signal already, the grace period, then SIGKILL; its status. */
    private int stop(boolean terminate) {
        if (terminate) {
            posix.sendSignal(child, Posix.SIGTERM);
        }
        OptionalInt status = awaitChild(System.nanoTime() + supervision.grace().toNanos());
        if (status.isEmpty()) {
            posix.sendSignal(child, Posix.SIGKILL);
            status = awaitChild(Long.MAX_VALUE);
        }
        return status.getAsInt();
    }

    /**
     * Waits for the child to end, until {@code deadline} (System.nanoTime()); signals received
     * meanwhile are passed on, changes dropped (the next start sees them anyway).
     */
    private OptionalInt awaitChild(long deadline) {
        while (true) {
            Event event = next(deadline);
            if (event == null) {
                return OptionalInt.empty();
            }
            if (event instanceof Exited exited && exited.pid() == child) {
                return OptionalInt.of(reap());
            }
            if (event instanceof Signalled signalled) {
                forward(signalled);
                ending |= ENDING.contains(signalled.signal());
            }
        }
    }

    private void forward(Signalled signalled) {
        if (child != NONE && !signalled.toWholeGroup()) {
            posix.sendSignal(child, signalled.signal());
        }
    }

    private void started(int pid) {
        child = pid;
        Thread waiter = new Thread(() -> {
            posix.awaitExit(pid);
            events.add(new Exited(pid));
        }, "catflap-child-" + pid);
        waiter.setDaemon(true);
        waiter.start();
    }

    private int reap() {
        int status = ExitStatus.of(posix.reap(child));
        child = NONE;
        return status;
    }

    /** The next event, or null once {@code deadline} (System.nanoTime()) has passed. */
    private Event next(long deadline) {
        try {
            if (deadline == Long.MAX_VALUE) {
                return events.take();
            }
            return events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while supervising", e);
        }
    }

    private void notice(String line) {
        supervision.notices().accept(line);
    }
}
