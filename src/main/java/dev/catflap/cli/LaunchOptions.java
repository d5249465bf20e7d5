package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the command is told about its sockets, and what catflap says while starting it. */
public class LaunchOptions {
    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "Environment variable that receives the first socket's fd number (default: LISTEN_FD).")
    String env;

    @Option(names = "--systemd",
            description = "Also set LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES, as systemd's socket activation does.")
    Boolean systemd;

    @Option(names = "--no-pid", description = "With --systemd: leave LISTEN_PID unset, for a command that hands the sockets on.")
    Boolean noPid;

    @Option(names = "--fdname", paramLabel = "NAME",
            description = "With --systemd: the next socket's name in LISTEN_FDNAMES, repeatable, one per socket "
                    + "(default: tcp, udp or unix).")
    List<String> fdname;

    @Option(names = "--stdin",
            // Worded so that picocli, which may wrap after any '.', keeps System.inheritedChannel() whole.
            description = "Put the one socket on fd 0 instead of 3, where inetd-style programs and "
                    + "System.inheritedChannel() in Java take it.")
    Boolean stdin;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the listening address, nor other notices (warnings still show).")
    Boolean quiet;

    void addTo(Map<Setting, String> flags) {
        Flags.put(flags, Setting.ENV, env);
        Flags.put(flags, Setting.QUIET, quiet == null ? null : quiet.toString());
        Flags.put(flags, Setting.SYSTEMD, systemd == null ? null : systemd.toString());
        Flags.put(flags, Setting.NO_PID, noPid == null ? null : noPid.toString());
        Flags.putList(flags, Setting.FDNAME, fdname);
        Flags.put(flags, Setting.STDIN, stdin == null ? null : stdin.toString());
    }
}
