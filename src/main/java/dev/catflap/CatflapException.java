package dev.catflap;

/**
 * The one way any stage reports a problem to the user: a message (printed after "[catflap] ") and
 * the exit status catflap ends with. The command line stage prints it; nothing else does.
 */
public final class CatflapException extends RuntimeException {
    /** Something in the environment failed: an address in use, a file unreadable. */
    public static final int FAILURE = 1;
    /** The user asked for something invalid: a bad option, value or setting. */
    public static final int USAGE = 2;
    /** The command exists but cannot be executed (as shells report it). */
    public static final int NOT_EXECUTABLE = 126;
    /** The command was not found (as shells report it). */
    public static final int NOT_FOUND = 127;

    private final int exitCode;

    public CatflapException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CatflapException usage(String message) {
        return new CatflapException(USAGE, message);
    }

    public static CatflapException failure(String message) {
        return new CatflapException(FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
