package dev.catflap.cli;

import dev.catflap.ExitStatus;
import dev.catflap.config.UserFile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

/**
 * catflap's command line as picocli's model, built in code rather than read from annotations:
 * picocli reads annotations through reflection, and the JVM makes a proxy class at run time for
 * each annotation type it reads (ten for catflap), which no start-up archive can hold; that was
 * the largest part of picocli's share of a start. CatflapMain builds it for the run; picocli
 * applies it as {@link CatflapCommand}'s model transformer wherever the build generates the man
 * page and shell completion from that class, so that all three show the same command.
 */
@RegisterForReflection // picocli creates it by its class, named in CatflapCommand's @Command
public class CommandModel implements IModelTransformer {
    private static final String COMMAND_LABEL = "COMMAND";
    /** Columns of the description's paragraph on the sources, as wide as picocli's usage leaves it. */
    private static final int SOURCES_WIDTH = 76;

    /** The model in the annotated one's place (picocli keeps the one it made: it is filled in). */
    @Override
    public CommandSpec transform(CommandSpec annotated) {
        return describe(annotated, (CatflapCommand) annotated.userObject());
    }

    /** The model whose parse result {@code command} reads when picocli calls it. */
    static CommandSpec of(CatflapCommand command) {
        return describe(CommandSpec.wrapWithoutInspection(command), command);
    }

    private static CommandSpec describe(CommandSpec spec, CatflapCommand command) {
        spec.name("catflap").versionProvider(new VersionProvider());
        usage(spec.usageMessage());
        // In this order in the completion script; the help and the man page show the groups by order:
        // the settings' (from Setting's table), then configuration (4), units (5), then other options (9).
        spec.addArgGroup(ConfigOptions.group(4));
        spec.addArgGroup(HelpOptions.group(9));
        SettingOptions.addTo(spec);
        // Hidden from the option list: the usage line and the description say what COMMAND is.
        spec.addPositional(PositionalParamSpec.builder()
                .paramLabel(COMMAND_LABEL)
                .index("0..*")
                .arity("0..*")
                .hidden(true)
                .type(List.class)
                .auxiliaryTypes(String.class)
                .build());
        command.spec = spec;
        return spec;
    }

    /** The command and its arguments as given on the command line (none: empty). */
    static List<String> command(ParseResult parsed) {
        return parsed.matchedPositionalValue(0, List.of());
    }

    private static void usage(UsageMessageSpec usage) {
        usage.headerHeading("")
                .header("Bind a listening socket once, then run a command that serves on it.")
                .synopsisHeading("%nUsage: ")
                .customSynopsis("catflap [OPTIONS] [--] " + COMMAND_LABEL + " [ARGS...]")
                .descriptionHeading("%n")
                .description(
                        "catflap binds a TCP socket (or the -l sockets), puts it at fd 3, sets LISTEN_FD=3 in the "
                            + "environment and replaces itself with COMMAND (same pid, no shell; with --spawn or --watch it "
                            + "runs COMMAND as its child instead), so the command's exit status is catflap's (with --spawn "
                            + "or --watch, a command killed by a signal ends catflap by the same signal). "
                            + "A server restarted under it keeps accepting on the same socket, so clients wait instead of "
                            + "being refused. Options end at COMMAND: everything after it is the command's own.",
                        "")
                // One line each, broken at spaces: picocli would wrap inside .catflap.properties, at a dot.
                .description(withLines(usage.description(), SOURCES_WIDTH, "Each setting comes from the first of: options; "
                        + "CATFLAP_* variables; your local file, .catflap.local.properties beside the project file (not "
                        + "with --config); the project file, the nearest .catflap.properties in this directory or one "
                        + "above it (or --config FILE), which may also hold the command; the user file, " + UserFile.PLACE
                        + " (" + UserFile.FALLBACK + "); the built-in defaults. catflap --init writes a starter "
                        + ".catflap.properties; man catflap lists every file key and variable (FILES, ENVIRONMENT)."))
                .optionListHeading("")
                .exitCodeListHeading("%nExit status before the command runs:%n")
                .exitCodeList(ExitStatus.helpList())
                .footerHeading("%nExamples:%n")
                .footer(
                        "  catflap -p 8080 -- node server.js",
                        "  catflap -p 0 sh -c 'echo socket at fd $LISTEN_FD'",
                        "  catflap -h ::1 -p 3000 -e PORT_FD -- cargo watch -x run",
                        "  catflap -l 127.0.0.1:8080 -l unix:app.sock --systemd -- ./server",
                        "  catflap -l 0.0.0.0:8080 --stdin -- java Server.java",
                        "  catflap -p 8080 --watch src -- node server.js",
                        "  catflap -p 8080 --systemd-units myapp -- node server.js",
                        "  catflap --show-config",
                        "  catflap --init")
                .sortOptions(false);
    }

    /** {@code lines} followed by {@code paragraph} broken at spaces into lines of at most {@code width} columns. */
    static String[] withLines(String[] lines, int width, String paragraph) {
        List<String> all = new ArrayList<>(List.of(lines));
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                all.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        all.add(line.toString());
        return all.toArray(String[]::new);
    }
}
