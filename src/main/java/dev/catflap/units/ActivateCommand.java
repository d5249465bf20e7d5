package dev.catflap.units;

import dev.catflap.config.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The systemd-socket-activate command line that gives the command what the units would: the same
 * addresses in the same order, the same names, catflap's variable, the socket on stdin for
 * --stdin. It lets a user try the units' behaviour before installing them.
 */
final class ActivateCommand {
    static final String PROGRAM = "systemd-socket-activate";

    private ActivateCommand() {
    }

    /**
     * The shell command line, run in the service's working directory; empty where
     * systemd-socket-activate cannot do what the units do: it takes stream or datagram sockets,
     * not both at once.
     */
    static Optional<String> line(UnitPlan plan) {
        long datagrams = plan.sockets().stream().filter(ListenLine::isDatagram).count();
        if (datagrams != 0 && datagrams != plan.sockets().size()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(List.of(PROGRAM));
        if (plan.stdin()) {
            words.add("--inetd");
        }
        if (datagrams != 0) {
            words.add("--datagram");
        }
        for (ListenLine socket : plan.sockets()) {
            words.add("--listen=" + socket.address());
        }
        if (!plan.stdin()) {
            words.add("--fdname=" + String.join(":", names(plan)));
        }
        plan.setenv().forEach(variable -> words.add("--setenv=" + variable));
        words.add("--setenv=" + plan.variable() + "=" + plan.firstFd());
        words.add("--");
        words.addAll(plan.exec());
        return Optional.of("cd " + ShellWords.quote(List.of(plan.workingDirectory().toString())) + " && "
                + ShellWords.quote(words));
    }

    /** Each socket's name as systemd gives it: the unit's FileDescriptorName=, else the unit's own name. */
    private static List<String> names(UnitPlan plan) {
        String name = plan.fdName().orElse(plan.name().socket());
        List<String> names = new ArrayList<>();
        plan.sockets().forEach(socket -> names.add(name));
        return names;
    }
}
