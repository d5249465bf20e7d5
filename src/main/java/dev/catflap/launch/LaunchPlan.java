package dev.catflap.launch;

import dev.catflap.socket.BoundSocket;
import java.util.List;

/**
 * Everything the launch needs, decided before it starts.
 *
 * @param executable the resolved path of the command
 * @param command the command's words, raw
 * @param environment the command's environment, catflap's variables already set
 * @param sockets the sockets to place at fds 3, 4, ... in this order
 */
public record LaunchPlan(byte[] executable, CommandWords command, Environment environment, List<BoundSocket> sockets) {
    /** The first fd the sockets take, as socket activation has it. */
    public static final int FIRST_SOCKET_FD = 3;
}
