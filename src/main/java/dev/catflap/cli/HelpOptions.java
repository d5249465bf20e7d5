package dev.catflap.cli;

import picocli.CommandLine.Option;

/** The options that only print something about catflap: listed last, as Unix tools do. */
public class HelpOptions {
    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the version and exit.")
    boolean version;
}
