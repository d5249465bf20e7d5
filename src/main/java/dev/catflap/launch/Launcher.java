package dev.catflap.launch;

import dev.catflap.posix.Posix;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts the command on the bound sockets in catflap's place (a supervised child: {@code supervise.Supervisor}). */
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
}
