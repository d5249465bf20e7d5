package dev.catflap.units;

import java.util.List;

/**
 * The command the service runs, and which setting gave it: the team's production command
 * (catflap.unit-command) is often not the one it develops with (a watcher, {@code npm run dev}).
 *
 * @param words the command and its arguments, as given
 * @param source where it came from, for the output: "the command line",
 *     "catflap.unit-command in FILE", ...
 */
public record ProductionCommand(List<String> words, String source) {
}
