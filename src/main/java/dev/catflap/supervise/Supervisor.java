package dev.catflap.supervise;

import dev.catflap.launch.CallerState;
import dev.catflap.launch.LaunchPlan;
import dev.catflap.launch.Spawn;
import dev.catflap.posix.Posix;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts the command on the bound sockets as catflap's child, and stays with it (--spawn, --watch, dev mode). */
@ApplicationScoped
public class Supervisor {
    private final Posix posix;

    public Supervisor(Posix posix) {
        this.posix = posix;
    }

    /** Runs the command as catflap's child, as {@code supervision} says; how catflap is to end. */
    public Ending supervise(LaunchPlan plan, Supervision supervision) {
        CallerState caller = CallerState.current(posix);
        Spawn spawn = new Spawn(posix, plan, caller, supervision.pidVariable());
        return new SupervisedCommand(events -> ProcessTree.start(posix, events, supervision.terminal(), Tripwire.counted(caller)),
                spawn::start, SignalSource.of(posix, caller), supervision, posix.self()::releaseFreeMemory,
                events -> UnacceptedConnections.start(posix.sockets(), plan.sockets(), events)).run();
    }
}
