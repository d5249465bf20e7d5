package dev.catflap.supervise;

/** A child's wait status as shells report it: its exit code, or 128 + N when signal N ended it. */
final class ExitStatus {
    private static final int SIGNAL_BITS = 0x7f;
    private static final int KILLED_BY_SIGNAL = 128;

    private ExitStatus() {
    }

    static int of(int waitStatus) {
        int signal = waitStatus & SIGNAL_BITS;
        return signal == 0 ? (waitStatus >> 8) & 0xff : KILLED_BY_SIGNAL + signal;
    }
}
