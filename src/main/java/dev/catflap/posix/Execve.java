package dev.catflap.posix;

/**
 * Replacing this process with the command. Past {@link #prepareForExec} the exec path may have
 * given away the JVM's descriptors: these calls load no class.
 */
public interface Execve {
    /**
     * Runs each call the exec path makes once with harmless arguments, so that they are bound
     * before the JVM's descriptors are replaced: after that, no class may be loaded.
     */
    void prepareForExec();

    /** Replaces this process with {@code exec}. Returns only on failure, with the errno. */
    int execve(PreparedExec exec);

    /** Writes {@code message} straight to fd 2 and ends the process, for failures after the JVM's files are gone. */
    void die(PreparedBytes message, int status);
}
