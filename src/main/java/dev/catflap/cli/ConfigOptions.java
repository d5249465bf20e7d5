package dev.catflap.cli;

import dev.catflap.CatflapException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Which project file to read, and whether to show the settings, write units from them or write a
 * starter project file instead of running anything.
 */
final class ConfigOptions {
    private static final String CONFIG = "--config";
    private static final String SHOW_CONFIG = "--show-config";
    private static final String SYSTEMD_UNITS = "--systemd-units";
    static final String INIT = "--init";

    final String file;
    final boolean show;
    /** The units' name, with --systemd-units; else null. */
    final String units;
    /** --init: write a starter project file, and nothing else. */
    final boolean init;

    private ConfigOptions(String file, boolean show, String units, boolean init) {
        this.file = file;
        this.show = show;
        this.units = units;
        this.init = init;
    }

    static ArgGroupSpec group(int order) {
        return ArgGroupSpec.builder()
                .heading("%nConfiguration options:%n")
                .order(order)
                .exclusive(false)
                .validate(false)
                .addArg(OptionSpec.builder(CONFIG).paramLabel("FILE").type(String.class)
                        .description("Read the project settings from FILE instead of the nearest .catflap.properties"
                                + " and the local file beside it.")
                        .build())
                .addArg(OptionSpec.builder(SHOW_CONFIG).type(boolean.class)
                        .description("Print every setting, its value and where it came from, then exit without binding.")
                        .build())
                .addArg(OptionSpec.builder(SYSTEMD_UNITS).paramLabel("NAME").type(String.class)
                        .description("Write NAME.socket and NAME.service, systemd units that do what these settings do "
                                + "(see Unit options), then exit without binding or running anything.")
                        .build())
                .addArg(OptionSpec.builder(INIT).type(boolean.class)
                        .description("Write a starter ./" + StarterFile.NAME + " for a team to commit, every setting "
                                + "commented out with its help and default; never overwrites a file. Takes no COMMAND.")
                        .build())
                .build();
    }

    /** What the command line gave (its value, not whether it was given: {@code --show-config=false} is false). */
    static ConfigOptions given(ParseResult parsed) {
        Boolean show = parsed.matchedOptionValue(SHOW_CONFIG, false);
        Boolean init = parsed.matchedOptionValue(INIT, false);
        return new ConfigOptions(parsed.matchedOptionValue(CONFIG, null), show, parsed.matchedOptionValue(SYSTEMD_UNITS, null), init);
    }

    /** The file named, as a path; a name Java's file API cannot take (not UTF-8) is refused as such. */
    Optional<Path> file() {
        try {
            return Optional.ofNullable(file).map(Path::of);
        } catch (InvalidPathException e) {
            throw CatflapException.usage("--config " + file + ": a name that is not UTF-8, which catflap cannot open");
        }
    }
}
