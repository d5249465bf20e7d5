package dev.catflap.supervise;

import dev.catflap.launch.CallerState;
import dev.catflap.launch.LauncherProperties;
import dev.catflap.posix.ReceivedSignal;
import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Signalled;
import java.util.function.Consumer;

/**
 * The forwarded signals as the launcher arranges them: it starts the JVM with -Xrs (HotSpot then
 * leaves HUP, INT, QUIT and TERM alone) and with the six signals blocked, which every thread of the
 * JVM inherits. They stay pending until this thread takes them with sigwaitinfo: no JVM handler is
 * involved, so SIGQUIT works too.
 */
final class BlockedSignals implements SignalSource {
    /** siginfo's si_code for a signal the kernel sent: a terminal's Ctrl-C, Ctrl-\ (kill() gives SI_USER). */
    private static final int SI_KERNEL = 0x80;

    private final Signals signals;
    private final CallerState caller;
    private volatile boolean stopped;

    BlockedSignals(Signals signals, CallerState caller) {
        this.signals = signals;
        this.caller = caller;
    }

    static boolean arrangedByLauncher() {
        return LauncherProperties.current().signalsBlocked();
    }

    @Override
    public void start(Consumer<Signalled> receiver) {
        long set = blockedHere();
        Thread thread = new Thread(() -> {
            while (true) {
                ReceivedSignal signal = signals.awaitSignal(set);
                if (!stopped && !caller.isIgnored(signal.signal())) {
                    receiver.accept(new Signalled(signal.signal(), signal.code() == SI_KERNEL));
                }
            }
        }, "catflap-signals");
        thread.setDaemon(true);
        thread.start();
    }

    /** The signals stay blocked, pending for nobody: the JVM is about to end anyway. */
    @Override
    public void stop() {
        stopped = true;
    }

    /**
     * The forwarded signals that are blocked in this thread, and so in all: a caller's own
     * _JAVA_SR_SIGNUM=12 keeps SIGUSR2 HotSpot's, unblocked.
     */
    private long blockedHere() {
        long mask = signals.signalMask();
        long set = 0;
        for (int signal : FORWARDED) {
            set |= CallerState.bit(signal);
        }
        return set & mask;
    }
}
