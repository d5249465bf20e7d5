package dev.catflap.supervise;

import dev.catflap.launch.CallerState;
import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Signalled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The forwarded signals where the JVM started without the launcher (java -jar, ./mvnw quarkus:dev)
 * and handles signals itself: catflap can only add Java handlers. HotSpot refuses one for SIGQUIT
 * (its thread dumps), and SIGUSR2 is its thread suspend/resume signal unless _JAVA_SR_SIGNUM moved
 * that elsewhere, so those two are not forwarded then.
 */
final class HandledSignals implements SignalSource {
    private static final String SUSPEND_RESUME_VARIABLE = "_JAVA_SR_SIGNUM";

    private final CallerState caller;
    private final Map<Signal, SignalHandler> previous = new HashMap<>();
    private Thread shutdownHook;

    HandledSignals(CallerState caller) {
        this.caller = caller;
    }

    @Override
    public void start(Consumer<Signalled> receiver) {
        for (String name : handleable()) {
            Signal signal = new Signal(name);
            if (!caller.isIgnored(signal.getNumber())) {
                handle(signal, receiver);
            }
        }
        passOnShutdown(receiver);
    }

    /**
     * A signal that came before these handlers went to the JVM's own, which began the JVM's
     * shutdown: Quarkus's shutdown hook then waits for catflap to finish, catflap for its command,
     * which nobody signalled, and catflap hung until a second signal. So the JVM's shutdown counts
     * as a SIGTERM (the JVM does not say which of HUP, INT or TERM it got): a hook of catflap's
     * passes it on, or catflap does at once where the shutdown has begun already.
     */
    private void passOnShutdown(Consumer<Signalled> receiver) {
        Thread hook = new Thread(() -> receiver.accept(new Signalled(Signals.SIGTERM)), "catflap-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException shuttingDown) {
            receiver.accept(new Signalled(Signals.SIGTERM));
        }
    }

    private void handle(Signal signal, Consumer<Signalled> receiver) {
        try {
            previous.put(signal, Signal.handle(signal, received -> receiver.accept(new Signalled(received.getNumber()))));
        } catch (IllegalArgumentException refused) {
            // the JVM keeps this one (as with -Xrs given by hand): it is not forwarded
        }
    }

    /** Gives the JVM its handlers back: in dev mode it lives on after catflap's run (and ends on SIGTERM). */
    @Override
    public void stop() {
        previous.forEach(Signal::handle);
        previous.clear();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // it has run, or runs: its signal is of no use to anyone now
            }
            shutdownHook = null;
        }
    }

    private static List<String> handleable() {
        List<String> names = new ArrayList<>(List.of("HUP", "INT", "USR1", "TERM"));
        if (suspendResumeMoved()) {
            names.add("USR2");
        }
        return names;
    }

    private static boolean suspendResumeMoved() {
        String value = System.getenv(SUSPEND_RESUME_VARIABLE);
        try {
            int signal = value == null ? Signals.SIGUSR2 : Integer.parseInt(value.strip());
            // HotSpot accepts 12..64 and otherwise keeps SIGUSR2
            return signal > Signals.SIGUSR2 && Signals.exists(signal);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
