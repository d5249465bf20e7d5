package dev.catflap;

import dev.catflap.posix.Errno;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses catflap chooses itself, and the rules by which it turns how a command ended
 * into one: the shells' 126 and 127 for a command that could not start, and 128 + N for a command
 * killed by signal N. Exec, spawn and supervising all ask here, and {@code --help} and the man page
 * list the statuses from here ({@link #helpList()}), so each code is written once.
 */
public enum ExitStatus {
    /** Something in the environment failed: an address in use, a file unreadable. */
    FAILURE(1, "a failure, e.g. the address is in use"),
    /** The user asked for something invalid: a bad option, value or setting. */
    USAGE(2, "a usage error or a bad value, named with where it came from"),
    /**
     * Something catflap did not expect: a bug, or a system it was not made for. sysexits.h's
     * EX_SOFTWARE, the one convention for it (jbang's 4 is its own), and no number catflap gives
     * any other meaning: not 1, which an address in use also gets, nor a shell's 126, 127 or 128 + N.
     */
    INTERNAL_ERROR(70, "an internal error (a bug): " + DebugVariable.NAME + "=1 shows where"),
    /** The command exists but cannot be executed (as shells report it). */
    NOT_EXECUTABLE(126, "the command was found but cannot be executed"),
    /** The command was not found (as shells report it). */
    NOT_FOUND(127, "the command was not found");

    /** A shell's status for a command killed by signal N is this plus N. */
    private static final int KILLED_BY_SIGNAL = 128;
    /** The low 7 bits of a wait status: the signal that ended the process, 0 if it exited. */
    private static final int SIGNAL_BITS = 0x7f;

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** What it means, as {@code --help} says it. */
    public String meaning() {
        return meaning;
    }

    /** Every status with its meaning, in order, as picocli's exit-code list takes them. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitStatus status : values()) {
            list.put(Integer.toString(status.code), status.meaning);
        }
        return list;
    }

    /**
     * The status for an execve (or posix_spawn) that failed with {@code errno}, as shells give it:
     * 127 when there is no such file, 126 for anything else. For a script, the file was there:
     * ENOENT is about its #! interpreter, and that is 126.
     */
    public static ExitStatus ofExecFailure(int errno, boolean script) {
        return errno == Errno.ENOENT && !script ? NOT_FOUND : NOT_EXECUTABLE;
    }

    /** The status a shell reports for a process killed by {@code signal}: 128 + N. */
    public static int afterSignal(int signal) {
        return KILLED_BY_SIGNAL + signal;
    }

    /** The signal that ended a process with {@code waitStatus} (as waitpid gives it), or 0 if it exited. */
    public static int signalOf(int waitStatus) {
        return waitStatus & SIGNAL_BITS;
    }

    /** The status a shell reports for {@code waitStatus}: the exit code, or 128 + N for signal N. */
    public static int of(int waitStatus) {
        int signal = signalOf(waitStatus);
        return signal == 0 ? (waitStatus >> 8) & 0xff : afterSignal(signal);
    }
}
