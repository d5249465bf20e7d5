package dev.catflap.cli;

import dev.catflap.CatflapException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which project file to read, and whether to show the settings or write units from them instead of running anything. */
public class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the project settings from FILE instead of the nearest .catflap.properties.")
    String file;

    @Option(names = "--show-config",
            description = "Print every setting, its value and where it came from, then exit without binding.")
    boolean show;

    @Option(names = "--systemd-units", paramLabel = "NAME",
            description = "Write NAME.socket and NAME.service, systemd units that do what these settings do "
                    + "(see Unit options), then exit without binding or running anything.")
    String units;

    /** The file named, as a path; a name Java's file API cannot take (not UTF-8) is refused as such. */
    Optional<Path> file() {
        try {
            return Optional.ofNullable(file).map(Path::of);
        } catch (InvalidPathException e) {
            throw CatflapException.usage("--config " + file + ": a name that is not UTF-8, which catflap cannot open");
        }
    }
}
