package dev.catflap.posix;

import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.orElse;

import java.nio.charset.StandardCharsets;

/** {@link Terminal} through libc. */
final class LibcTerminal implements Terminal {
    private static final byte[] TTY = "/dev/tty".getBytes(StandardCharsets.US_ASCII);
    private static final int O_RDWR = 2;

    private final Signals signals;
    private final Descriptors descriptors;

    LibcTerminal(Signals signals, Descriptors descriptors) {
        this.signals = signals;
        this.descriptors = descriptors;
    }

    @Override
    public int foregroundTerminal() {
        int tty = orElse(() -> libc().open(NativeMemory.cString(TTY), O_RDWR | LibcFiles.O_NOCTTY | LibcDescriptors.O_CLOEXEC), -1);
        if (tty < 0 || foregroundGroup(tty) == libc().getpgrp()) {
            return tty;
        }
        descriptors.close(tty);
        return -1;
    }

    @Override
    public int foregroundGroup(int tty) {
        return orElse(() -> libc().tcgetpgrp(tty), -1);
    }

    /**
     * SIGTTOU is blocked meanwhile in this thread: from a background group, tcsetpgrp would
     * otherwise stop the whole process.
     */
    @Override
    public boolean setForegroundGroup(int tty, int group) {
        long mask = signals.signalMask();
        signals.blockSignals(1L << (Signals.SIGTTOU - 1));
        try {
            return orElse(() -> libc().tcsetpgrp(tty, group), -1) == 0;
        } finally {
            signals.setSignalMask(mask);
        }
    }
}
