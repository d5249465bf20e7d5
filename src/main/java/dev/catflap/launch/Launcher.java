package dev.catflap.launch;

import dev.catflap.posix.Posix;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts the command on the bound sockets: in catflap's place, or as its supervised child. */
@ApplicationScoped
public class Launcher {
    private final Posix posix;

    public Launcher(Posix posix) {
        this.posix = posix;
    }

    /**
     * Replaces catflap with the command; returns only by ending the process, or in the build's
     * {@link TrainingRun}, where it returns just before the exec.
     */
    public void launch(LaunchPlan plan) {
        new Exec(posix).run(plan, CallerState.current(posix));
    }

    /** Runs the command as catflap's child, as {@code supervision} says; the status catflap ends with. */
    public int supervise(LaunchPlan plan, Supervision supervision) {
        CallerState caller = CallerState.current(posix);
        Spawn spawn = new Spawn(posix, plan, caller, supervision.pidVariable());
        return new Supervisor(posix, spawn, SignalSource.of(posix, caller), supervision).run();
    }
}
