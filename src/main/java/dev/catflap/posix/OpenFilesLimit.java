package dev.catflap.posix;

import com.sun.jna.Memory;

/** An RLIMIT_NOFILE ready for setrlimit, prepared before the exec path may no longer load classes. */
public final class OpenFilesLimit {
    final Memory rlimit;

    OpenFilesLimit(long soft, long hard) {
        rlimit = new Memory(16);
        rlimit.setLong(0, soft);
        rlimit.setLong(8, hard);
    }
}
