package dev.catflap.posix;

/** A failed system call: which one, and the errno it gave. The message is meant for users. */
public final class PosixException extends RuntimeException {
    private final String call;
    private final int errno;

    /** With {@link Errno}'s words for {@code errno}. */
    public PosixException(String call, int errno) {
        this(call, errno, Errno.describe(errno));
    }

    PosixException(String call, int errno, String message) {
        super(message);
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
