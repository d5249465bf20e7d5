package dev.catflap.cli;

import dev.catflap.CatflapException;
import dev.catflap.CatflapLine;
import dev.catflap.config.CatflapConfig;
import dev.catflap.config.ConfigReport;
import dev.catflap.config.Configuration;
import dev.catflap.config.NewProjectFile;
import dev.catflap.config.Origin;
import dev.catflap.config.Setting;
import dev.catflap.config.Settings;
import dev.catflap.launch.CallerEnvironment;
import dev.catflap.launch.CommandWords;
import dev.catflap.launch.Environment;
import dev.catflap.launch.ExecutableSearch;
import dev.catflap.launch.Handoff;
import dev.catflap.launch.LaunchPlan;
import dev.catflap.launch.Launcher;
import dev.catflap.launch.LauncherVariables;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import dev.catflap.socket.Backlog;
import dev.catflap.socket.BoundSocket;
import dev.catflap.socket.SocketBinder;
import dev.catflap.supervise.Ending;
import dev.catflap.supervise.IgnoreFileReader;
import dev.catflap.supervise.Ignores;
import dev.catflap.supervise.SupervisionPlan;
import dev.catflap.supervise.Supervisor;
import dev.catflap.units.SystemdUnits;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.Dependent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** catflap's one command: settle the settings, bind, announce, launch. */
@Dependent
// picocli reads this only for the build's man page and shell completion (a class they are given):
// the model itself is CommandModel's, which CatflapMain also builds, without reading annotations.
@Command(name = "catflap", modelTransformer = CommandModel.class)
public class CatflapCommand implements Callable<Integer> {

    /** The model of {@link CommandModel}: what the user gave is read from its parse result. */
    CommandSpec spec;

    private final Configuration configuration;
    private final SocketBinder binder;
    private final ExecutableSearch search;
    private final Launcher launcher;
    private final Supervisor supervisor;
    private final Posix posix;

    public CatflapCommand(Configuration configuration, SocketBinder binder, ExecutableSearch search,
            Launcher launcher, Supervisor supervisor, Posix posix) {
        this.configuration = configuration;
        this.binder = binder;
        this.search = search;
        this.launcher = launcher;
        this.supervisor = supervisor;
        this.posix = posix;
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        ConfigOptions options = ConfigOptions.given(parsed);
        List<String> command = CommandModel.command(parsed);
        if (options.init) {
            return init(parsed, command);
        }
        if (!command.isEmpty() && command.get(0).equals("init")) {
            // As air's "air init": a user who types it wants the starter file, never the system's
            // init (as root, "init 0" halts the machine), which no one runs through a socket
            // launcher; whatever follows it ("init .", "init --force") is no reason to run it.
            throw CatflapException.commandLine(String.join(" ", command) + ": did you mean --init, which writes a starter "
                    + ".catflap.properties? catflap runs no program named init by that bare name: "
                    + "to run the system's init or another, give its path (/sbin/init, ./init)");
        }
        Environment environment = CallerEnvironment.read(posix);
        Settings settings = configuration.load(SettingOptions.flags(spec), commandLine(command), options.file(),
                LauncherVariables.forSettings(environment.variables()));
        settings.warnings().forEach(Console::say);
        if (options.show) {
            // Names and values from files another user may have written: escaped as on stderr.
            ConfigReport.lines(settings).forEach(line -> System.out.writeBytes(CatflapLine.plain(line)));
            ignoreFilesReport(settings.config()).forEach(line -> System.out.writeBytes(CatflapLine.plain(line)));
            return 0;
        }
        // the caller's variables, and over them --setenv's: what the command gets, and searches PATH with
        environment = environment.with(settings.config().setenv().orElse(List.of()));
        if (options.units != null) {
            return new SystemdUnits(search, posix, Console::say)
                    .write(options.units, settings, command, environment);
        }
        settings.refuseUnitOptions();
        CatflapConfig config = settings.config();
        if (config.command().isEmpty()) {
            throw CatflapException.commandLine(noCommand(settings));
        }
        CommandWords words = commandWords(settings);
        Optional<byte[]> directory = settings.commandDirectory().map(path -> OsString.encode(OsString.of(path)));
        byte[] executable = executable(words, environment, directory, settings);

        List<BoundSocket> bound = binder.bindAll(config.sockets(), config.backlog().orElseGet(Backlog::systemMaximum));
        if (!config.quiet()) {
            bound.forEach(socket -> Console.say("Listening at: " + socket.address()));
        }
        Handoff handoff = handoff(config);
        Environment withSockets = handoff.environment(environment, bound, posix.self().pid());
        LaunchPlan plan = new LaunchPlan(executable, words, inDirectory(withSockets, settings.commandDirectory()), bound,
                handoff.firstFd(), directory);
        if (supervised(config)) {
            return supervise(plan, config, handoff, bound);
        }
        try {
            launcher.launch(plan);
        } catch (CatflapException e) {
            // catflap ends without the command: nothing it bound may stay, Unix socket files included
            bound.forEach(binder::release);
            throw e;
        }
        return 0;
    }

    /**
     * The file to execute for the command. A command from a file or a variable that is not found
     * is named where it was written ({@code FILE:LINE: catflap.command=...}), as any other bad
     * value of a file's is; one typed on the command line is named as typed.
     */
    private byte[] executable(CommandWords words, Environment environment, Optional<byte[]> directory, Settings settings) {
        try {
            return search.resolve(words, environment, directory);
        } catch (CatflapException e) {
            throw settings.commandWrittenAt(Setting.COMMAND)
                    .map(at -> new CatflapException(e.status(), at + ": " + e.getMessage())).orElse(e);
        }
    }

    /**
     * {@code --init}: the starter project file, written before any file is read, so that a broken
     * one elsewhere cannot stop it. Not where catflap would ignore it for trust (refused, nothing
     * written); where it hides a project file above, a warning names that file. It is the only thing asked for: anything else given with it,
     * a command above all ({@code catflap --init init}), is refused rather than left unused.
     */
    private int init(ParseResult parsed, List<String> command) {
        if (!command.isEmpty()) {
            throw CatflapException.usage(ConfigOptions.INIT + " takes no command: it only writes " + StarterFile.SHOWN_NAME
                    + " (remove " + command.get(0) + (command.size() > 1 ? " ..." : "") + ")");
        }
        for (OptionSpec option : parsed.matchedOptions()) {
            if (!option.longestName().equals(ConfigOptions.INIT)) {
                throw CatflapException.usage(ConfigOptions.INIT + " cannot be combined with " + option.longestName()
                        + ": it only writes " + StarterFile.SHOWN_NAME + ", every setting commented out");
            }
        }
        NewProjectFile place = NewProjectFile.here(LauncherVariables.forSettings(CallerEnvironment.read(posix).variables()), posix);
        place.ignoredBecause().ifPresent(doubt -> {
            throw CatflapException.usage("catflap would ignore " + StarterFile.SHOWN_NAME + " here, as any project file it "
                    + "finds there: " + doubt + "; write it in a directory only you (or root) can write to");
        });
        Optional<Path> hidden = place.hides();
        StarterFile.write(posix.files(), posix.descriptors()::close);
        Console.say("wrote " + StarterFile.SHOWN_NAME);
        hidden.ifPresent(above -> Console.say("warning: catflap started in " + place.directory() + " or below now reads "
                + StarterFile.SHOWN_NAME + " instead of " + above + " (only the nearest project file is read; "
                + "nothing is merged)"));
        return 0;
    }

    /**
     * The command's PWD names the directory it runs in, as after a shell's cd; where the caller
     * had no PWD, none is added (as the caller's environment reaches the command byte for byte).
     */
    private static Environment inDirectory(Environment environment, Optional<Path> directory) {
        if (directory.isEmpty() || environment.rawValue("PWD") == null) {
            return environment;
        }
        return environment.with("PWD", OsString.encode(OsString.of(directory.get())));
    }

    /**
     * Runs the command as catflap's child. catflap outlives it: it closes the sockets and removes
     * the socket files it made, then ends as the command did, by the same signal if one ended it
     * (as a shell's loop must see it), except in dev mode, whose JVM lives on.
     */
    private int supervise(LaunchPlan plan, CatflapConfig config, Handoff handoff, List<BoundSocket> bound) {
        Ending ending;
        try (Notices notices = config.quiet() ? null : Notices.start()) {
            Consumer<String> lines = notices != null ? notices : line -> { };
            ending = supervisor.supervise(plan, supervision(config, handoff, lines));
        } finally {
            bound.forEach(binder::release);
        }
        if (ending.signal() != 0 && LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            posix.signals().endBySignal(ending.signal());
        }
        return ending.status();
    }

    /**
     * The ignore files --watch reads, for {@code --show-config}: they decide what restarts the
     * command as much as the settings do, and they come from everywhere in the tree.
     */
    private List<String> ignoreFilesReport(CatflapConfig config) {
        List<Path> watched = config.watch().orElse(List.of());
        if (watched.isEmpty()) {
            return List.of("ignore files: none (nothing is watched)");
        }
        if (config.noIgnoreFiles()) {
            return List.of("ignore files: none (" + Setting.NO_IGNORE_FILES.key() + ")");
        }
        List<Path> files = ignores(config).filesInForce(watched, Console::say);
        if (files.isEmpty()) {
            return List.of("ignore files: none found (.gitignore, .git/info/exclude, .ignore)");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            lines.add((i == 0 ? "ignore files: " : "              ") + files.get(i));
        }
        return lines;
    }

    private Ignores ignores(CatflapConfig config) {
        return new Ignores(config.ignore().orElse(List.of()), !config.noDefaultIgnores(), !config.noIgnoreFiles(),
                new IgnoreFileReader(posix));
    }

    /** Spawn rather than exec: when asked to, and always in dev mode, where exec would replace the dev JVM. */
    private static boolean supervised(CatflapConfig config) {
        if (config.spawn() || config.watch().isPresent()) {
            return true;
        }
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            if (!config.quiet()) {
                Console.say("dev mode: the command runs as a child (--spawn), as exec would replace the dev JVM");
            }
            return true;
        }
        return false;
    }

    /** A spawned child is another process: the launch sets LISTEN_PID to its pid. */
    private SupervisionPlan supervision(CatflapConfig config, Handoff handoff, Consumer<String> notices) {
        return new SupervisionPlan(config.watch().orElse(List.of()), ignores(config), config.grace(), config.debounce(),
                notices, handoff.pidVariable(), LaunchMode.current() != LaunchMode.DEVELOPMENT);
    }

    /**
     * The command to run. A configured one is named with where it came from: a project file comes
     * with a cloned repository, and its own catflap.quiet does not hide which command it runs,
     * only the user's -q (option, variable or user file) does.
     */
    private static CommandWords commandWords(Settings settings) {
        CommandWords words = settings.config().command().orElseThrow();
        boolean configured = !settings.commandFromCommandLine();
        if (configured && (!settings.config().quiet() || settings.fromProjectFile(Setting.QUIET))) {
            Console.say("command from " + settings.source(Setting.COMMAND) + ": " + settings.text(Setting.COMMAND).orElseThrow());
        }
        return words;
    }

    /**
     * Why there is no command, where a file was read that could have given one: a user who
     * expected the team's command learns which file was read (the nearest, in a monorepo) and
     * that it has none, or which source unset it.
     */
    private static String noCommand(Settings settings) {
        String none = "no command given: none after the options, and ";
        if (!settings.from(Setting.COMMAND).is(Origin.Kind.DEFAULT)) {
            // set, yet empty: "unset by CATFLAP_COMMAND="
            return none + Setting.COMMAND.key() + " is " + settings.source(Setting.COMMAND);
        }
        List<String> files = new ArrayList<>();
        settings.projectFile().ifPresent(file -> files.add(file.toString()));
        settings.localFile().ifPresent(file -> files.add(file.toString()));
        return switch (files.size()) {
            case 0 -> "no command given";
            case 1 -> none + files.get(0) + " sets no " + Setting.COMMAND.key();
            default -> none + "neither " + files.get(0) + " nor " + files.get(1) + " sets " + Setting.COMMAND.key();
        };
    }

    /** exec keeps catflap's pid, so LISTEN_PID is catflap's own (see {@link #supervision} for a child's). */
    private static Handoff handoff(CatflapConfig config) {
        return new Handoff(config.env(), config.systemd(), !config.noPid(), config.fdname().orElse(List.of()), config.stdin());
    }

    /**
     * The words after the options, as the caller's bytes ({@code CallerArguments} read them): they
     * replace a configured command as an option replaces a setting, and are never parsed.
     */
    private static Optional<CommandWords> commandLine(List<String> command) {
        return command.isEmpty() ? Optional.empty() : Optional.of(CommandWords.of(command));
    }
}
