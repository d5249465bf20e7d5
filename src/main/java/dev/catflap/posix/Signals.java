package dev.catflap.posix;

/** This process's signals: masks, actions, waiting for one, and ending by one. Masks have bit {@code n-1} for signal {@code n}. */
public interface Signals {
    int SIGHUP = 1;
    int SIGINT = 2;
    int SIGQUIT = 3;
    int SIGKILL = 9;
    int SIGUSR1 = 10;
    int SIGUSR2 = 12;
    int SIGPIPE = 13;
    int SIGTERM = 15;
    int SIGCONT = 18;
    int SIGSTOP = 19;
    int SIGTSTP = 20;
    int SIGTTOU = 22;
    int SIGXFSZ = 25;

    /** The name of a signal catflap sends or passes on ({@code SIGTERM}), else {@code signal N}. */
    static String name(int signal) {
        return switch (signal) {
            case SIGHUP -> "SIGHUP";
            case SIGINT -> "SIGINT";
            case SIGQUIT -> "SIGQUIT";
            case SIGKILL -> "SIGKILL";
            case SIGUSR1 -> "SIGUSR1";
            case SIGUSR2 -> "SIGUSR2";
            case SIGTERM -> "SIGTERM";
            default -> "signal " + signal;
        };
    }

    /**
     * Whether the system has a signal numbered {@code signal}: Linux's are 1..64 (glibc reserves
     * 32 and 33 for its own threads).
     */
    static boolean exists(int signal) {
        return signal >= 1 && signal <= LibcSignals.LAST_SIGNAL;
    }

    /**
     * Every signal whose action a process may set, in order: all the system has but SIGKILL and
     * SIGSTOP, which can be neither caught nor ignored.
     */
    static int[] settable() {
        // a loop, not a stream: exec runs it at every start, before which no stream was needed
        int[] signals = new int[LibcSignals.LAST_SIGNAL - 2];
        int count = 0;
        for (int signal = 1; signal <= LibcSignals.LAST_SIGNAL; signal++) {
            if (signal != SIGKILL && signal != SIGSTOP) {
                signals[count++] = signal;
            }
        }
        return signals;
    }

    /** The calling thread's blocked signals. */
    long signalMask();

    void setSignalMask(long mask);

    /** Blocks {@code set} in the calling thread, in addition to what it blocks already. */
    void blockSignals(long set);

    /** Sets a signal to be ignored ({@code true}) or to its default action; signals 32 and 33 too. */
    void setSignalIgnored(int signal, boolean ignored);

    /** True when {@code signal} runs a handler in this process: neither its default action nor ignored. */
    boolean isSignalCaught(int signal);

    /** Ignores {@code signal} until {@link #restoreSignal} is given the action this returns. */
    SignalAction ignoreSignal(int signal);

    void restoreSignal(int signal, SignalAction previous);

    /**
     * Waits for one of {@code set}, which every thread of the process must block: it stays pending
     * until taken here instead of running a handler.
     */
    ReceivedSignal awaitSignal(long set);

    /**
     * Ends this process by {@code signal}, as if its default action had come with it: whoever waits
     * for catflap sees it killed by that signal. No core file is written (catflap's would be the
     * JVM's). Returns only where that signal's default action does not end a process.
     */
    void endBySignal(int signal);
}
