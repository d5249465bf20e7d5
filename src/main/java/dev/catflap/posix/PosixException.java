package dev.catflap.posix;

/** A failed system call: which one, and the errno it gave. The message is meant for users. */
public final class PosixException extends RuntimeException {
    private final String call;
    private final int errno;

    public PosixException(String call, int errno) {
        super(Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
