package dev.catflap;

/**
 * The one way any stage reports a problem to the user: a message (printed after "[catflap] ") and
 * the {@link ExitStatus} catflap ends with. Only the command line stage's mapper
 * ({@code cli/ExitStatusMapper}) turns it into lines and a status; nothing else prints it.
 */
public final class CatflapException extends RuntimeException {
    private final ExitStatus status;
    private final boolean usageHint;

    public CatflapException(ExitStatus status, String message) {
        this(status, message, false);
    }

    private CatflapException(ExitStatus status, String message, boolean usageHint) {
        super(message);
        this.status = status;
        this.usageHint = usageHint;
    }

    /** A bad option, value or setting: the message names it and where it came from. */
    public static CatflapException usage(String message) {
        return new CatflapException(ExitStatus.USAGE, message);
    }

    /**
     * A command line that is wrong as a whole (no command in it, as picocli's own errors): the
     * message is followed by the usage line, as for picocli's errors.
     */
    public static CatflapException commandLine(String message) {
        return new CatflapException(ExitStatus.USAGE, message, true);
    }

    public static CatflapException failure(String message) {
        return new CatflapException(ExitStatus.FAILURE, message);
    }

    public ExitStatus status() {
        return status;
    }

    /** Whether the usage line follows the message. */
    public boolean showsUsage() {
        return usageHint;
    }
}
