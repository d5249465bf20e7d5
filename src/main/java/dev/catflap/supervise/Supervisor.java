package dev.catflap.supervise;

import dev.catflap.launch.CallerState;
import dev.catflap.launch.LaunchPlan;
import dev.catflap.launch.Spawn;
import dev.catflap.posix.Posix;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The supervise stage, as {@code launch.Launcher} is the exec one: starts the command on the bound
 * sockets as catflap's child and stays with it (--spawn, --watch, dev mode). Its one job is to
 * build the {@link RestartLoop} from the system's parts (processes, signals, file changes, accept
 * queues), which the loop's tests replace with fakes.
 */
@ApplicationScoped
public class Supervisor {
    private final Posix posix;

    public Supervisor(Posix posix) {
        this.posix = posix;
    }

    /** Runs the command as catflap's child, as {@code supervision} plans; how catflap is to end. */
    public Ending supervise(LaunchPlan plan, SupervisionPlan supervision) {
        CallerState caller = CallerState.current(posix);
        Spawn spawn = new Spawn(posix, plan, caller, supervision.pidVariable());
        return new RestartLoop(events -> ProcessTree.start(posix, events, supervision.terminal(), Tripwire.counted(caller)),
                spawn::start, SignalSource.of(posix, caller), changes(supervision), supervision, posix.self()::releaseFreeMemory,
                events -> UnacceptedConnections.start(posix.sockets(), plan.sockets(), events)).run();
    }

    /** The watched paths, where there are any; the watch begins as the loop starts. */
    private static ChangeSource changes(SupervisionPlan supervision) {
        if (!supervision.watching()) {
            return ChangeSource.NONE;
        }
        return new Watcher(supervision.watched(), supervision.ignores(), supervision.debounce(), supervision.notices());
    }
}
