package dev.catflap.cli;

import dev.catflap.config.Setting;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Whether catflap stays as the command's parent, and when it restarts the command. */
public class SpawnOptions {
    @Option(names = "--spawn",
            description = "Run the command as a child, in a process group of its own, and stay: pass on HUP, INT, QUIT, "
                    + "USR1, USR2 and TERM, end as it ended (by the same signal, if one killed it), and end whatever "
                    + "it left running.")
    Boolean spawn;

    @Option(names = "--watch", paramLabel = "PATH",
            description = "Restart the command when files under PATH change (repeatable; implies --spawn). "
                    + "Changes in .git/, target/ and node_modules/ do not count.")
    List<String> watch;

    @Option(names = "--ignore", paramLabel = "GLOB",
            description = "With --watch, changes that do not count (repeatable): a GLOB without / matches a name "
                    + "at any depth, one with / a path under PATH.")
    List<String> ignore;

    @Option(names = "--grace", paramLabel = "SECONDS",
            description = "With --watch, how long the command's processes have to exit after SIGTERM before SIGKILL "
                    + "(default: 5).")
    String grace;

    void addTo(Map<Setting, String> flags) {
        Flags.put(flags, Setting.SPAWN, spawn == null ? null : spawn.toString());
        Flags.putList(flags, Setting.WATCH, watch);
        Flags.putList(flags, Setting.IGNORE, ignore);
        Flags.put(flags, Setting.GRACE, grace);
    }
}
