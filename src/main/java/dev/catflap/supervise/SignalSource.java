package dev.catflap.supervise;

import dev.catflap.launch.CallerState;
import dev.catflap.posix.Posix;
import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Signalled;
import java.util.function.Consumer;

/** Where the supervisor learns of the signals it passes on to the child. */
interface SignalSource {
    /** The signals a supervised child gets from catflap. */
    int[] FORWARDED = {Signals.SIGHUP, Signals.SIGINT, Signals.SIGQUIT, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGTERM};

    /**
     * Starts reporting the forwarded signals catflap receives to {@code receiver}, from another
     * thread. Signals the caller ignored are not reported: catflap ignores them as the command does.
     */
    void start(Consumer<Signalled> receiver);

    /** Stops reporting them: what catflap did with them before {@link #start} applies again. */
    void stop();

    /** The launcher's arrangement where it made one, else the JVM's signal handlers. */
    static SignalSource of(Posix posix, CallerState caller) {
        return BlockedSignals.arrangedByLauncher() ? new BlockedSignals(posix.signals(), caller) : new HandledSignals(caller);
    }
}
