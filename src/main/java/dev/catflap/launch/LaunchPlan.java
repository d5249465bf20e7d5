package dev.catflap.launch;

import dev.catflap.socket.BoundSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the launch needs, decided before it starts.
 *
 * @param executable the resolved path of the command
 * @param command the command's words, raw
 * @param environment the command's environment, catflap's variables already set
 * @param sockets the sockets to place at fds {@code firstSocketFd}, {@code firstSocketFd + 1}, ... in this order
 * @param firstSocketFd 3, or 0 for the one socket on stdin
 * @param directory where the command runs, when not where catflap runs (a project file's command
 *     runs in the file's directory)
 */
public record LaunchPlan(byte[] executable, CommandWords command, Environment environment, List<BoundSocket> sockets,
        int firstSocketFd, Optional<byte[]> directory) {
    /** The first fd the sockets take, as socket activation has it. */
    public static final int FIRST_SOCKET_FD = 3;
    /** What shells and execvp run a script without a #! line with. */
    static final byte[] SHELL = "/bin/sh".getBytes(StandardCharsets.US_ASCII);

    /**
     * The first descriptor above 2 that is no placed socket: from there up, the command inherits
     * nothing (3 for the one socket on stdin).
     */
    int endOfSockets() {
        return Math.max(firstSocketFd + sockets.size(), FIRST_SOCKET_FD);
    }

    /** The words that run the command's file as a shell script: the fallback when it is not a program. */
    List<byte[]> shellWords() {
        List<byte[]> words = new ArrayList<>();
        words.add(SHELL);
        words.add(executable);
        List<byte[]> all = command.words();
        words.addAll(all.subList(1, all.size()));
        return words;
    }
}
