package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the socket is: the options of catflap 1.2, kept as they were. */
public class SocketOptions {
    @Option(names = {"-h", "--host"}, paramLabel = "IP",
            description = "IPv4 or IPv6 address to bind (default: 127.0.0.1). No name lookup.")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "TCP port to bind; 0 picks a free one (default: 5000).")
    String port;

    @Option(names = "--backlog", paramLabel = "N",
            description = "Connections the kernel queues while no server accepts (default: the system maximum).")
    String backlog;

    void addTo(Map<Setting, String> flags) {
        Flags.put(flags, Setting.HOST, host);
        Flags.put(flags, Setting.PORT, port);
        Flags.put(flags, Setting.BACKLOG, backlog);
    }
}
