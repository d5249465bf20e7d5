package dev.catflap.cli;

import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options that only print something about catflap: listed last, as Unix tools do. */
final class HelpOptions {
    private HelpOptions() {
    }

    static ArgGroupSpec group(int order) {
        return ArgGroupSpec.builder()
                .heading("%nOther options:%n")
                .order(order)
                .exclusive(false)
                .validate(false)
                .addArg(OptionSpec.builder("--help").usageHelp(true).type(boolean.class)
                        .description("Show this help and exit.").build())
                .addArg(OptionSpec.builder("--version").versionHelp(true).type(boolean.class)
                        .description("Show the version and exit.").build())
                .build();
    }
}
