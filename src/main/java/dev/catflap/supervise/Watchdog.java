package dev.catflap.supervise;

import dev.catflap.posix.Descriptors;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PreparedExec;
import dev.catflap.posix.Processes;
import dev.catflap.posix.SpawnAttributes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Ends the command's process group when catflap ends without doing so itself: killed with
 * SIGKILL, or crashed. A small /bin/sh, in a process group of its own and deaf to the signals a
 * terminal or a group kill sends, reads from a pipe whose write end only catflap holds: catflap
 * writes the group of each run as it starts and 0 once the run is over. When the pipe reaches its
 * end, catflap is gone (the kernel closes a dead process's descriptors), and the shell sends the
 * last group it was told of SIGKILL. This asks nothing of the command: it is started as before
 * (its own pid, arguments, environment, descriptors and signal mask untouched), and it works for
 * every process of the group, where PR_SET_PDEATHSIG would reach the child alone and needs code
 * run in the child between fork and exec, which posix_spawn does not allow.
 */
final class Watchdog implements AutoCloseable {
    private static final byte[] SHELL = "/bin/sh".getBytes(StandardCharsets.US_ASCII);
    /** kill's "--" is not dash's: a negative number after the signal is a group. */
    private static final String SCRIPT = "trap '' HUP INT QUIT TERM USR1 USR2 PIPE TSTP TTIN TTOU; g=0; "
            + "while read -r line; do g=$line; done; [ \"$g\" -gt 0 ] 2>/dev/null && kill -9 -\"$g\"";
    private static final byte[] NO_GROUP = "0\n".getBytes(StandardCharsets.US_ASCII);

    private final Descriptors descriptors;
    private final int pid;
    private final int writeEnd;

    private Watchdog(Descriptors descriptors, int pid, int writeEnd) {
        this.descriptors = descriptors;
        this.pid = pid;
        this.writeEnd = writeEnd;
    }

    /** Starts the watchdog shell: reading the pipe at its fd 0, /dev/null at 1 and 2, nothing else. */
    static Watchdog start(Posix posix) {
        Descriptors descriptors = posix.descriptors();
        Processes processes = posix.processes();
        int[] pipe = descriptors.pipe();
        try {
            SpawnAttributes attributes = processes.spawnAttributes(new int[] {pipe[0], 0}, new int[0], 3, 0, 0);
            processes.inNewProcessGroup(attributes);
            processes.openNullAt(attributes, 1);
            processes.openNullAt(attributes, 2);
            List<byte[]> argv = List.of(SHELL, bytes("-c"), bytes(SCRIPT), bytes("catflap-watchdog"));
            int pid = processes.spawn(new PreparedExec(SHELL, argv, List.of()), attributes);
            return new Watchdog(descriptors, pid, pipe[1]);
        } finally {
            descriptors.close(pipe[0]);
        }
    }

    int pid() {
        return pid;
    }

    /** From now on, catflap's end kills {@code group}. */
    void guard(int group) {
        descriptors.writeAll(writeEnd, bytes(group + "\n"));
    }

    /** The run is over: its group is empty, and its number may go to another process. */
    void clear() {
        descriptors.writeAll(writeEnd, NO_GROUP);
    }

    /** Lets the shell end without killing anything (in dev mode the JVM lives on),. */
    @Override
    public void close() {
        clear();
        descriptors.close(writeEnd);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
