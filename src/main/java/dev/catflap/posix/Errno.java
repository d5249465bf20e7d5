package dev.catflap.posix;

import java.util.Map;

/** Turns an errno into the words a user should read, with a hint where the cause is not obvious. No system call: fakes use it too. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int ENOEXEC = 8;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ERANGE = 34;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ECONNREFUSED = 111;

    private static final Map<Integer, String> WORDS = Map.ofEntries(
            Map.entry(EPERM, "operation not permitted"),
            Map.entry(ENOENT, "no such file or directory"),
            Map.entry(ENOEXEC, "not in an executable format"),
            // Said for files and sockets alike: where the cause is not obvious, the caller adds it.
            Map.entry(EACCES, "permission denied"),
            Map.entry(ENOTDIR, "a part of the path is not a directory"),
            Map.entry(EINVAL, "invalid argument"),
            Map.entry(ENOSYS, "not supported by this kernel"),
            Map.entry(EAFNOSUPPORT, "address family not supported (is IPv6 disabled on this machine?)"),
            Map.entry(EADDRINUSE, "address already in use"),
            Map.entry(EADDRNOTAVAIL, "address not available (no interface on this machine has it)"),
            Map.entry(ECONNREFUSED, "connection refused"));

    private Errno() {
    }

    /**
     * A lower-case description of {@code errno}, never null. Without the system's help (see
     * {@code SystemErrors}, which the libc implementations use): an errno it has no words for is
     * "error N", and the open-files limit is not named.
     */
    public static String describe(int errno) {
        if (errno == EMFILE) {
            return tooManyOpenFiles("unknown");
        }
        String words = WORDS.get(errno);
        return words != null ? words : "error " + errno;
    }

    static boolean isKnown(int errno) {
        return WORDS.containsKey(errno);
    }

    static String tooManyOpenFiles(String softLimit) {
        return "too many open files (the open-files limit is " + softLimit + "; raise it with ulimit -n)";
    }
}
