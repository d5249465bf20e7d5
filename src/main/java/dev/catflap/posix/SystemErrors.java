package dev.catflap.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.Locale;

/** {@link Errno}'s words, completed by what only the system knows: libc's own words, the current limit. */
final class SystemErrors {
    private static final int RLIMIT_NOFILE = 7;

    private SystemErrors() {
    }

    /** A lower-case description of {@code errno}, never null. */
    static String describe(int errno) {
        if (errno == Errno.EMFILE) {
            return Errno.tooManyOpenFiles(openFilesSoftLimit());
        }
        if (Errno.isKnown(errno)) {
            return Errno.describe(errno);
        }
        String system = LibC.INSTANCE.strerror(errno);
        return system == null ? Errno.describe(errno) : system.toLowerCase(Locale.ROOT);
    }

    /** The soft RLIMIT_NOFILE, as ulimit -n shows it. */
    private static String openFilesSoftLimit() {
        Memory limit = new Memory(16);
        try {
            LibC.INSTANCE.getrlimit(RLIMIT_NOFILE, limit);
        } catch (LastErrorException e) {
            return "unknown";
        }
        long soft = limit.getLong(0);
        return soft < 0 ? "unlimited" : Long.toString(soft);
    }
}
