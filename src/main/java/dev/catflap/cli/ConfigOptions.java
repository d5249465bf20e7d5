package dev.catflap.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which project file to read, and whether to show the settings instead of running anything. */
public class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the project settings from FILE instead of the nearest .catflap.properties.")
    Path file;

    @Option(names = "--show-config",
            description = "Print every setting, its value and where it came from, then exit without binding.")
    boolean show;

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
