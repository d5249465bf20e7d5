package dev.catflap.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLibrary;
import java.util.function.IntSupplier;

/**
 * How the libc implementations call libc: a failure reported through errno becomes a
 * {@link PosixException} naming the call, with words a user understands.
 */
final class Calls {
    private Calls() {
    }

    /** libc, bound on first use: a run that makes no system call (--version) never loads JNA. */
    static LibC libc() {
        return LibC.INSTANCE;
    }

    /** libc as a JNA library, for what {@link LibC} does not bind; after {@link LibC}'s set-up (its search path). */
    static NativeLibrary libraryC() {
        libc();
        return NativeLibrary.getInstance("c");
    }

    /** Runs {@code call}, which reports failure through errno; its result. */
    static int check(String name, IntSupplier call) {
        try {
            return call.getAsInt();
        } catch (LastErrorException e) {
            throw failure(name, e.getErrorCode());
        }
    }

    /** {@link #check}, again while a signal interrupts the call (EINTR). */
    static int retried(String name, IntSupplier call) {
        while (true) {
            try {
                return call.getAsInt();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure(name, e.getErrorCode());
                }
            }
        }
    }

    /** Runs {@code call}, whose failure is an answer rather than an error: {@code otherwise} then. */
    static int orElse(IntSupplier call, int otherwise) {
        try {
            return call.getAsInt();
        } catch (LastErrorException e) {
            return otherwise;
        }
    }

    /** For the calls that return the error number themselves (pthread_sigmask, posix_spawn*). */
    static void checkResult(String name, int result) {
        if (result != 0) {
            throw failure(name, result);
        }
    }

    static PosixException failure(String name, int errno) {
        return new PosixException(name, errno, SystemErrors.describe(errno));
    }
}
