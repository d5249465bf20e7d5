package dev.catflap.launch;

import dev.catflap.posix.Posix;
import dev.catflap.posix.ProcFs;
import java.util.OptionalLong;

/**
 * What the caller gave catflap that the JVM changed before any of catflap's code ran, and that the
 * command must get back: the blocked-signal mask, the set of ignored signals and the open-files
 * soft limit. The launcher script reads the signals from /proc before it starts the JVM and passes
 * them as system properties ({@link LauncherProperties}), and keeps the limit with -XX:-MaxFDLimit.
 * Under java -jar they are rebuilt from what the JVM left, as far as it left anything (see README,
 * "Faithful launch").
 *
 * <p>A native executable has no launcher, so it always rebuilds, as under java -jar; there the first
 * thread is the one that runs Java code. What it reads is the state after the native runtime
 * started: exact except for what the runtime itself changed first, such as a signal it took over
 * for its own handler. (Not yet checked in a native image: none was built.)
 *
 * @param blockedSignals bit n-1 set for each blocked signal n
 * @param ignoredSignals bit n-1 set for each ignored signal n
 * @param openFilesSoftLimit the soft RLIMIT_NOFILE to give back, where the JVM raised it
 */
public record CallerState(long blockedSignals, long ignoredSignals, OptionalLong openFilesSoftLimit) {
    /** The caller's state, from the launcher if it recorded it. */
    public static CallerState current(Posix posix) {
        return LauncherProperties.current().callerSignals()
                .map(signals -> new CallerState(signals.blocked(), signals.ignored(), OptionalLong.empty()))
                .orElseGet(() -> rebuilt(posix));
    }

    /**
     * HotSpot runs Java code in threads it made, with its own changes to the mask (SIGQUIT blocked,
     * SIGINT, SIGTERM, SIGUSR2 and the fault signals unblocked), but leaves the process's first
     * thread, which only waits for the VM to end, with the mask the caller gave. The signals still
     * ignored are the caller's; the ones HotSpot took over (SIGQUIT, SIGPIPE, SIGXFSZ, SIGUSR2) no
     * longer show whether the caller ignored them.
     */
    private static CallerState rebuilt(Posix posix) {
        ProcFs proc = ProcFs.system();
        // the first thread's id is the pid
        long blocked = proc.blockedSignals(posix.self().pid()).orElseGet(() -> posix.signals().signalMask());
        long ignored = proc.ignoredSignals().orElse(0);
        return new CallerState(blocked, ignored, RaisedOpenFilesLimit.callersSoftLimit(posix));
    }

    public boolean isIgnored(int signal) {
        return (ignoredSignals & bit(signal)) != 0;
    }

    public static long bit(int signal) {
        return 1L << (signal - 1);
    }
}
