package dev.catflap.posix;

/** File descriptors: copies, flags, pipes, and keeping the JVM's own from reaching the command. */
public interface Descriptors {
    /** A close-on-exec duplicate of {@code fd} at the lowest free number at or above {@code lowest}. */
    int duplicateAtOrAbove(int fd, int lowest);

    /** Makes {@code target} a copy of {@code fd}; the copy is inherited across exec. */
    void duplicateTo(int fd, int target);

    void setCloseOnExec(int fd, boolean closeOnExec);

    void setBlocking(int fd);

    void close(int fd);

    /**
     * Marks every descriptor from {@code first} up close-on-exec, so the JVM's jars and files do
     * not reach the command. The exec path calls it before it moves any descriptor, as it may load
     * classes.
     */
    void closeOnExecFrom(int first);

    /**
     * {@link #closeOnExecFrom} once more, right before an exec, for what the JVM's other threads
     * opened since; it loads no class, and does nothing where the first sweep could not be done
     * the same way.
     */
    void closeOnExecAgainFrom(int first);

    /** A pipe, both ends close-on-exec: its read end, then its write end. */
    int[] pipe();

    /** Writes {@code bytes} to {@code fd}, which must take them at once (a pipe with room); false on failure. */
    boolean writeAll(int fd, byte[] bytes);
}
