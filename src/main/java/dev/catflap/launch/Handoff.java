package dev.catflap.launch;

import dev.catflap.socket.BoundSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the command finds its sockets: the fd the first one is placed at, and the variables that
 * say where they are.
 *
 * <ul>
 *   <li>Always: {@code variable} (LISTEN_FD unless -e) is the first socket's fd.</li>
 *   <li>systemd's protocol ({@code systemd}): LISTEN_FDS is their count, LISTEN_PID the pid of the
 *       process meant to take them (unless {@code withPid} is off: then any caller's value is
 *       removed), LISTEN_FDNAMES their names, colon-separated.</li>
 *   <li>{@code stdin}: the one socket is fd 0, as inetd places it and as
 *       {@code System.inheritedChannel()} looks for it.</li>
 * </ul>
 *
 * @param variable the variable that receives the first socket's fd
 * @param systemd whether to set systemd's variables too
 * @param withPid whether LISTEN_PID is set (with {@code systemd})
 * @param names the sockets' names, one per socket in order; empty for the default names
 * @param stdin whether the socket goes to fd 0 rather than 3
 */
public record Handoff(String variable, boolean systemd, boolean withPid, List<String> names, boolean stdin) {
    static final String LISTEN_FDS = "LISTEN_FDS";
    static final String LISTEN_PID = "LISTEN_PID";
    static final String LISTEN_FDNAMES = "LISTEN_FDNAMES";
    /** The variables the systemd protocol sets; -e may not name one of them with it. */
    public static final List<String> SYSTEMD_VARIABLES = List.of(LISTEN_FDS, LISTEN_PID, LISTEN_FDNAMES);
    private static final int STDIN_FD = 0;

    /** The fd of the first socket; the others follow it. */
    public int firstFd() {
        return stdin ? STDIN_FD : LaunchPlan.FIRST_SOCKET_FD;
    }

    /**
     * The command's environment: {@code caller}'s, with the variables that tell a command running
     * as process {@code pid} where {@code sockets} are.
     */
    public Environment environment(Environment caller, List<BoundSocket> sockets, long pid) {
        Environment environment = caller.with(variable, Integer.toString(firstFd()));
        if (!systemd) {
            return environment;
        }
        environment = environment.with(LISTEN_FDS, Integer.toString(sockets.size()))
                .with(LISTEN_FDNAMES, String.join(":", names(sockets)));
        return withPid ? environment.with(LISTEN_PID, Long.toString(pid)) : environment.without(LISTEN_PID);
    }

    /**
     * The variable that must hold the pid of the process that takes the sockets, where there is
     * one: a launch that starts the command as another process sets it to that process's pid.
     */
    public Optional<String> pidVariable() {
        return systemd && withPid ? Optional.of(LISTEN_PID) : Optional.empty();
    }

    /**
     * The names given, or each socket's kind ({@link dev.catflap.socket.ListenSpec#defaultName}):
     * systemd would name them after their unit, which catflap does not have, and the kind at least
     * tells a server which is which.
     */
    private List<String> names(List<BoundSocket> sockets) {
        if (!names.isEmpty()) {
            return names;
        }
        List<String> kinds = new ArrayList<>();
        for (BoundSocket socket : sockets) {
            kinds.add(socket.spec().defaultName());
        }
        return kinds;
    }
}
