package dev.catflap.posix;

/** Files by their raw path bytes, which need not be UTF-8: checks, a non-blocking open, removal. */
public interface FileAccess {
    boolean exists(byte[] path);

    boolean isExecutable(byte[] path);

    boolean isDirectory(byte[] path);

    /**
     * Opens {@code path} for reading without ever waiting: a FIFO would block an ordinary open
     * until a writer came. The caller checks what it opened (see /proc/self/fd) and closes it.
     */
    int openWithoutBlocking(byte[] path);

    void unlink(byte[] path);
}
