package dev.catflap.supervise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the settings ask of supervising, as {@code LaunchPlan} is what they ask of the launch: which
 * paths to watch and what to ignore, how long to wait, where notices go. Data only; the
 * {@link RestartLoop} acts on it.
 *
 * @param watched paths whose changes restart the command; none to run it once
 * @param ignores what changes do not count (see {@link IgnoreRules})
 * @param grace how long a command has to exit after SIGTERM before SIGKILL
 * @param debounce how long nothing must change under the watched paths before a restart
 * @param notices where catflap's lines about restarts go
 * @param pidVariable the variable that must hold each child's own pid (LISTEN_PID), if any
 * @param terminal whether each run gets catflap's terminal (not in dev mode, whose console reads it)
 */
public record SupervisionPlan(List<Path> watched, Ignores ignores, Duration grace, Duration debounce,
        Consumer<String> notices,
        Optional<String> pidVariable, boolean terminal) {
    boolean watching() {
        return !watched.isEmpty();
    }
}
