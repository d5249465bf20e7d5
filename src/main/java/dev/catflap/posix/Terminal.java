package dev.catflap.posix;

/** The controlling terminal: which process group has it in the foreground. */
public interface Terminal {
    /**
     * This process's controlling terminal, opened close-on-exec, where this process is in its
     * foreground group (the group the terminal's Ctrl-C and reads belong to); else -1.
     */
    int foregroundTerminal();

    /** The foreground process group of terminal {@code tty}, or -1. */
    int foregroundGroup(int tty);

    /** Makes {@code group} the foreground group of terminal {@code tty}; false where the terminal refuses. */
    boolean setForegroundGroup(int tty, int group);
}
