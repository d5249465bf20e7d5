package dev.catflap.launch;

import dev.catflap.posix.Posix;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts the command on the bound sockets. */
@ApplicationScoped
public class Launcher {
    private final Posix posix;

    public Launcher(Posix posix) {
        this.posix = posix;
    }

    /** Replaces catflap with the command; returns only by ending the process. */
    public void launch(LaunchPlan plan) {
        new Exec(posix).run(plan, CallerState.current(posix));
    }
}
