package dev.catflap.socket;

import dev.catflap.posix.ProcFs;
import java.util.regex.Pattern;

/** The listen backlog: how many connections wait in the kernel while no server accepts. */
public final class Backlog {
    private static final int LINUX_DEFAULT = 4096;
    /** listen() takes an int. */
    static final int MAX = Integer.MAX_VALUE;
    /** ASCII digits only: Java's own parsing would take other scripts' digits and a sign too. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private Backlog() {
    }

    /**
     * The system maximum. The kernel caps any larger backlog to it, and a restart is exactly when
     * clients pile up, so ask for all of it (the original tool's backlog of 1 refused them).
     */
    public static int systemMaximum() {
        return ProcFs.system().maximumBacklog().orElse(LINUX_DEFAULT);
    }

    /**
     * @throws IllegalArgumentException if {@code text} is not 1 to {@value #MAX} in ASCII digits
     *     (the kernel caps a larger backlog than it allows to its own maximum)
     */
    public static int parse(String text) {
        if (DIGITS.matcher(text).matches()) {
            long backlog = Long.parseLong(text);
            if (backlog >= 1 && backlog <= MAX) {
                return (int) backlog;
            }
        }
        throw new IllegalArgumentException("not a backlog (a whole number from 1 to " + MAX + ")");
    }
}
