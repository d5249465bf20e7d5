package dev.catflap.launch;

import dev.catflap.posix.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the caller gave catflap that the JVM changed before any of catflap's code ran, and that the
 * command must get back: the blocked-signal mask and the set of ignored signals. The launcher
 * script reads them from /proc before it starts the JVM and passes them as system properties;
 * without it (java -jar), they are rebuilt from what the JVM left.
 *
 * @param blockedSignals bit n-1 set for each blocked signal n
 * @param ignoredSignals bit n-1 set for each ignored signal n
 */
public record CallerState(long blockedSignals, long ignoredSignals) {
    static final String BLOCKED_PROPERTY = "catflap.caller.sigblk";
    static final String IGNORED_PROPERTY = "catflap.caller.sigign";
    private static final Path STATUS = Path.of("/proc/self/status");

    /** The caller's state, from the launcher if it recorded it. */
    public static CallerState current(Posix posix) {
        String blocked = System.getProperty(BLOCKED_PROPERTY);
        String ignored = System.getProperty(IGNORED_PROPERTY);
        if (blocked != null && ignored != null) {
            return new CallerState(Long.parseUnsignedLong(blocked, 16), Long.parseUnsignedLong(ignored, 16));
        }
        return rebuilt(posix);
    }

    /**
     * HotSpot blocks SIGQUIT in every thread but its own signal thread; the rest of the mask and
     * the signals still ignored are the caller's.
     */
    private static CallerState rebuilt(Posix posix) {
        long blocked = posix.signalMask() & ~bit(Posix.SIGQUIT);
        return new CallerState(blocked, statusField("SigIgn:"));
    }

    public boolean isIgnored(int signal) {
        return (ignoredSignals & bit(signal)) != 0;
    }

    static long bit(int signal) {
        return 1L << (signal - 1);
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseUnsignedLong(line.substring(name.length()).trim(), 16);
                }
            }
        } catch (IOException e) {
            // fall through: nothing known to be ignored
        }
        return 0;
    }
}
