package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the command is told about its socket, and what catflap says while starting it. */
public class LaunchOptions {
    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "Environment variable that receives the socket's fd number (default: LISTEN_FD).")
    String env;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the listening address.")
    Boolean quiet;

    void addTo(Map<Setting, String> flags) {
        Flags.put(flags, Setting.ENV, env);
        Flags.put(flags, Setting.QUIET, quiet == null ? null : quiet.toString());
    }
}
