package dev.catflap.posix;

import java.util.List;

/** What this process is and has: its ids, its environment, its open-files limit, its memory. */
public interface ThisProcess {
    int pid();

    int parentPid();

    /** The user whose permissions this process has: whose files it may trust. */
    int effectiveUid();

    int processGroup();

    /**
     * Stops this process's job as a terminal's Ctrl-Z would: SIGTSTP to each other process of its
     * group, then to the calling thread, so that it returns only once this process was stopped and
     * continued (at once where the kernel discards the stop, as for an orphaned group).
     */
    void stopJob();

    /** The environment as libc holds it: raw bytes, exactly as the caller passed them. */
    List<byte[]> environment();

    /** The soft and hard RLIMIT_NOFILE, in that order. */
    long[] openFilesLimit();

    /** RLIMIT_NOFILE with {@code soft} and the current hard limit, ready for {@link #setOpenFilesLimit}. */
    OpenFilesLimit openFilesLimitWithSoft(long soft);

    /**
     * Sets RLIMIT_NOFILE as prepared in advance. The exec path calls it after the JVM's
     * descriptors are gone, so it loads no class, and a failure, which lowering a soft limit does
     * not have, leaves the limit as it was.
     */
    void setOpenFilesLimit(OpenFilesLimit limit);

    /**
     * Makes the orphaned descendants of this process its children (PR_SET_CHILD_SUBREAPER), instead
     * of init's, or stops doing so; false where the kernel cannot.
     */
    boolean adoptOrphans(boolean adopt);

    /** Gives the memory malloc holds free back to the system, where libc can (glibc). */
    void releaseFreeMemory();

    /**
     * Makes {@code directory} this process's working directory, for the exec that follows: Java
     * keeps resolving its own relative paths against the directory it started in.
     *
     * @throws PosixException where it cannot
     */
    void changeDirectory(byte[] directory);
}
