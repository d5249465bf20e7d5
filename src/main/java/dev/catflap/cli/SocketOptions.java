package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the sockets are: -l/--listen specs, or the -h/-p shorthand of catflap 1.2 for one TCP socket. */
public class SocketOptions {
    @Option(names = {"-l", "--listen"}, paramLabel = "SPEC",
            // Ordered so that picocli, which may wrap after any ':', wraps between the forms.
            description = "A socket to bind, repeatable; they go to fds 3, 4, ... in order, and replace -h/-p. "
                    + "SPEC is HOST:PORT, [IPV6]:PORT, tcp://HOST:PORT, unix:PATH, unix:@NAME (abstract) "
                    + "or udp://HOST:PORT.")
    List<String> listen;

    @Option(names = {"-h", "--host"}, paramLabel = "IP",
            description = "IPv4 or IPv6 address of the one TCP socket, without -l (default: 127.0.0.1). No name lookup.")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Its TCP port; 0 picks a free one (default: 5000).")
    String port;

    @Option(names = "--backlog", paramLabel = "N",
            description = "Connections the kernel queues while no server accepts (default: the system maximum).")
    String backlog;

    void addTo(Map<Setting, String> flags) {
        Flags.put(flags, Setting.HOST, host);
        Flags.put(flags, Setting.PORT, port);
        Flags.put(flags, Setting.BACKLOG, backlog);
        Flags.putList(flags, Setting.LISTEN, listen);
    }
}
