package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.orElse;

import java.util.List;

/** {@link Descriptors} through libc. */
final class LibcDescriptors implements Descriptors {
    static final int O_CLOEXEC = 0x80000;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FD_CLOEXEC = 1;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    /** Whether close_range marked descriptors close-on-exec here (kernel 5.11+). */
    private boolean closeRangeMarks;

    @Override
    public int duplicateAtOrAbove(int fd, int lowest) {
        return check("fcntl", () -> libc().fcntl(fd, F_DUPFD_CLOEXEC, lowest));
    }

    @Override
    public void duplicateTo(int fd, int target) {
        check("dup2", () -> libc().dup2(fd, target));
    }

    @Override
    public void setCloseOnExec(int fd, boolean closeOnExec) {
        check("fcntl", () -> libc().fcntl(fd, F_SETFD, closeOnExec ? FD_CLOEXEC : 0));
    }

    @Override
    public void setBlocking(int fd) {
        int flags = check("fcntl", () -> libc().fcntl(fd, F_GETFL, 0));
        check("fcntl", () -> libc().fcntl(fd, F_SETFL, flags & ~O_NONBLOCK));
    }

    @Override
    public void close(int fd) {
        check("close", () -> libc().close(fd));
    }

    /** Kernels before 5.11 lack close_range's flag: walk /proc/self/fd instead. */
    @Override
    public void closeOnExecFrom(int first) {
        closeRangeMarks = orElse(() -> libc().close_range(first, -1, CLOSE_RANGE_CLOEXEC), -1) == 0;
        if (!closeRangeMarks) {
            closeOnExecFromProcList(first);
        }
    }

    /**
     * Only where close_range took the flag the first time: the fallback may load classes, which
     * the exec path can no longer do by then, and the first sweep stands. (HotSpot reads /proc
     * without close-on-exec while other threads run.)
     */
    @Override
    public void closeOnExecAgainFrom(int first) {
        if (closeRangeMarks) {
            libc().close_range(first, -1, CLOSE_RANGE_CLOEXEC);
        }
    }

    private void closeOnExecFromProcList(int first) {
        List<Integer> open = LinuxProcFs.openDescriptors();
        for (int fd : open) {
            if (fd >= first) {
                // the directory stream's own descriptor is closed by now: that one fails
                orElse(() -> libc().fcntl(fd, F_SETFD, FD_CLOEXEC), -1);
            }
        }
    }

    @Override
    public int[] pipe() {
        int[] fds = new int[2];
        check("pipe2", () -> libc().pipe2(fds, O_CLOEXEC));
        return fds;
    }

    @Override
    public boolean writeAll(int fd, byte[] bytes) {
        return libc().write(fd, NativeMemory.of(bytes), bytes.length) == bytes.length;
    }
}
