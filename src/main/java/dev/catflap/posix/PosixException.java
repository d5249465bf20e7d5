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

    public int errno() {
        return errno;
    }

    /**
     * With the call's name, which the message leaves out: where this reaches a user, in an
     * internal error's line ("internal error: ...PosixException: getsockopt: invalid argument"),
     * nothing caught it to say which socket or file it was about, and the call is what is left.
     */
    @Override
    public String toString() {
        return getClass().getName() + ": " + call + ": " + getMessage();
    }
}
