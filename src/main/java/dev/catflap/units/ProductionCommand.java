package dev.catflap.units;

import dev.catflap.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command the service runs, and which setting gave it: the team's production command
 * (catflap.unit-command) is often not the one it develops with (a watcher, {@code npm run dev}).
 *
 * @param words the command and its arguments, as given
 * @param source where it came from, for the output: "the command line",
 *     "catflap.unit-command in FILE", ...
 * @param directory where it runs, the service's WorkingDirectory=: the project file's directory
 *     for a command the file gives, else where catflap runs
 * @param setting the setting that gave it (unit-command or command); empty for the command line's
 */
public record ProductionCommand(List<String> words, String source, Path directory, Optional<Setting<?>> setting) {
}
