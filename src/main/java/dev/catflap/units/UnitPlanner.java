package dev.catflap.units;

import dev.catflap.CatflapException;
import dev.catflap.config.CatflapConfig;
import dev.catflap.config.Origin;
import dev.catflap.config.Setting;
import dev.catflap.config.Settings;
import dev.catflap.launch.CommandWords;
import dev.catflap.launch.Environment;
import dev.catflap.launch.ExecutableSearch;
import dev.catflap.launch.Handoff;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.posix.OsString;
import dev.catflap.posix.ProcFs;
import dev.catflap.socket.ListenSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns catflap's effective settings into a {@link UnitPlan}, refusing (exit 2) what systemd
 * cannot express, so that no unit is written that would do something else than catflap does.
 */
final class UnitPlanner {
    /** What systemd's SocketMode= would be if catflap's umask could not be read: the usual 022. */
    private static final int USUAL_UMASK = 0022;

    private final Settings settings;
    private final CatflapConfig config;
    private final Path workingDirectory;

    UnitPlanner(Settings settings, Path workingDirectory) {
        this.settings = settings;
        this.config = settings.config();
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param name the units' name
     * @param commandLine the COMMAND words of catflap's command line, empty if none
     * @param search catflap's own search for the executable, on {@code environment}'s PATH
     */
    UnitPlan plan(UnitName name, List<String> commandLine, ExecutableSearch search, Environment environment) {
        ProductionCommand command = command(commandLine);
        writableWorkingDirectory(command.directory());
        List<ListenLine> sockets = sockets();
        return new UnitPlan(name, sockets, fdName(sockets), config.backlog(), socketMode(), exec(command, search, environment),
                command, command.directory(), variable(), setenv(), config.stdin(), settingsGiven(), leftOut());
    }

    /** WorkingDirectory= is where the command runs: a name that a unit file cannot hold stops it. */
    private void writableWorkingDirectory(Path directory) {
        try {
            SystemdQuoting.lineValue(directory.toString());
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage("the working directory " + directory + ", the service's "
                    + "WorkingDirectory=: " + e.getMessage() + "; generate the units from another directory");
        }
    }

    /** systemd sets its own variables in every socket-activated service, over any Environment= of the same name. */
    private String variable() {
        if (Handoff.SYSTEMD_VARIABLES.contains(config.env())) {
            throw CatflapException.usage(settings.origin(Setting.ENV) + ": systemd sets " + config.env()
                    + " itself in the service; choose another name");
        }
        return config.env();
    }

    /**
     * --setenv's variables, each written as systemd reads it back: a value a unit file cannot
     * hold (bytes that are not UTF-8) stops it, naming the variable and where it came from.
     */
    private List<VariableAssignment> setenv() {
        List<VariableAssignment> assignments = config.setenv().orElse(List.of());
        for (VariableAssignment assignment : assignments) {
            try {
                SystemdQuoting.assignment(assignment.name(), assignment.value());
            } catch (IllegalArgumentException e) {
                String which = assignments.size() > 1 ? assignment + " (" + settings.origin(Setting.SETENV) + ")"
                        : settings.origin(Setting.SETENV);
                throw CatflapException.usage(which + ": " + e.getMessage());
            }
        }
        return assignments;
    }

    /** The -l sockets, or the -h/-p shorthand's one, each checked for what a unit can say. */
    private List<ListenLine> sockets() {
        boolean listen = config.listen().isPresent();
        List<ListenSpec> specs = config.sockets();
        List<ListenLine> lines = new ArrayList<>();
        for (ListenSpec spec : specs) {
            try {
                lines.add(ListenLine.of(spec, workingDirectory));
            } catch (IllegalArgumentException e) {
                String origin = !listen ? settings.origin(Setting.PORT)
                        : specs.size() == 1 ? settings.origin(Setting.LISTEN)
                        : spec.text() + " (" + settings.origin(Setting.LISTEN) + ")";
                throw CatflapException.usage(origin + ": " + e.getMessage());
            }
        }
        return lines;
    }

    /**
     * systemd names the sockets of a .socket unit with its one FileDescriptorName=, so several
     * sockets can only share a name. Unset, the name is catflap's default under --systemd, the
     * sockets' kind, where they are all of one kind; else systemd's, the unit's name.
     */
    private Optional<String> fdName(List<ListenLine> sockets) {
        Optional<List<String>> names = config.fdname();
        if (names.isEmpty()) {
            Set<String> kinds = new LinkedHashSet<>();
            sockets.forEach(socket -> kinds.add(socket.spec().defaultName()));
            return kinds.size() == 1 ? Optional.of(kinds.iterator().next()) : Optional.empty();
        }
        settings.requireOneNamePerSocket();
        if (new LinkedHashSet<>(names.get()).size() > 1) {
            throw CatflapException.usage(settings.origin(Setting.FDNAME) + ": systemd gives all the sockets of a "
                    + ".socket unit one name (FileDescriptorName=), and catflap writes one .socket unit: "
                    + "give the sockets one name, or none");
        }
        try {
            SystemdQuoting.lineValue(names.get().get(0));
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(settings.origin(Setting.FDNAME) + ": " + e.getMessage());
        }
        return Optional.of(names.get().get(0));
    }

    /**
     * The command on catflap's command line first, as it replaces any configured one; then the
     * production command; then the development one.
     */
    private ProductionCommand command(List<String> commandLine) {
        boolean unitCommandGiven = settings.text(Setting.UNIT_COMMAND).isPresent();
        if (!commandLine.isEmpty()) {
            if (unitCommandGiven && settings.from(Setting.UNIT_COMMAND).is(Origin.Kind.OPTION)) {
                throw CatflapException.usage(Setting.UNIT_COMMAND.option() + " and a COMMAND on the command line: "
                        + "give the production command once");
            }
            return new ProductionCommand(commandLine, "the command line", settings.commandDirectory().orElse(workingDirectory),
                    Optional.empty());
        }
        Setting<CommandWords> setting = unitCommandGiven ? Setting.UNIT_COMMAND : Setting.COMMAND;
        CommandWords words = (unitCommandGiven ? config.unitCommand() : config.command()).orElseThrow(
                () -> CatflapException.usage("no command given (on the command line, or as " + Setting.UNIT_COMMAND.key()
                        + " or " + Setting.COMMAND.key() + ")"));
        return new ProductionCommand(words.displayWords(), settings.described(setting),
                settings.directoryOf(setting).orElse(workingDirectory), Optional.of(setting));
    }

    /** ExecStart='s words: systemd runs only an absolute path, which catflap's own search gives. */
    private List<String> exec(ProductionCommand command, ExecutableSearch search, Environment environment) {
        String executable;
        try {
            executable = OsString.decode(search.resolve(CommandWords.of(command.words()), environment,
                    Optional.of(OsString.encode(OsString.of(command.directory())))));
        } catch (CatflapException e) {
            throw CatflapException.usage(writtenAt(command) + ": " + e.getMessage());
        }
        List<String> words = new ArrayList<>();
        try {
            // the file catflap itself would run: '..' after a link goes up from the link's target
            words.add(ResolvedPath.of(command.directory(), executable));
            words.addAll(command.words().subList(1, command.words().size()));
            SystemdQuoting.execLine(words);
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(writtenAt(command) + ": " + e.getMessage());
        }
        return words;
    }

    /** Where the command was written, as running it names it too: a file's on its line, a variable's as set. */
    private String writtenAt(ProductionCommand command) {
        return command.setting().flatMap(settings::commandWrittenAt).orElse("command from " + command.source());
    }

    /**
     * The settings that have no meaning in a unit, where they are on, with why: the
     * development-only ones (the Supervising options, {@link Setting#developmentOnly()}) named
     * together, as systemd supervises the service in production. {@code --grace} is one: a
     * developer's quick restart is not how long a production server may take to drain its
     * connections, for which systemd has its own TimeoutStopSec= (90 s unless set).
     */
    private List<String> leftOut() {
        List<String> development = new ArrayList<>();
        for (Setting<?> setting : Setting.values()) {
            if (setting.developmentOnly() && isOn(setting)) {
                development.add(setting.option());
            }
        }
        List<String> leftOut = new ArrayList<>();
        if (!development.isEmpty()) {
            leftOut.add(String.join(", ", development) + " (for development: systemd supervises the service itself, "
                    + "and stops it with its own TimeoutStopSec=)");
        }
        if (config.noPid()) {
            leftOut.add(Setting.NO_PID.option() + " (systemd always sets LISTEN_PID)");
        }
        return leftOut;
    }

    /** Whether a source gave {@code setting} a value, and for a switch, turned it on. */
    private boolean isOn(Setting<?> setting) {
        return settings.given(setting) && config.isOn(setting);
    }

    /**
     * Every setting not at its built-in default, by where it came from, for the units' first line:
     * {@code /home/me/app/.catflap.properties (catflap.listen, catflap.command)}; one that a source
     * unset with an empty value under that source, as {@code catflap.backlog=}, since the source
     * decided the units as much as one that sets a value (the team's line is gone).
     */
    private List<String> settingsGiven() {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (Setting<?> setting : Setting.values()) {
            if (settings.unset(setting)) {
                bySource.computeIfAbsent(settings.sourceName(setting), source -> new ArrayList<>()).add(setting.key() + "=");
            } else if (!isDefault(setting) && settings.text(setting).isPresent()) {
                bySource.computeIfAbsent(settings.source(setting), source -> new ArrayList<>()).add(setting.key());
            }
        }
        List<String> given = new ArrayList<>();
        bySource.forEach((source, keys) -> given.add(source + " (" + String.join(", ", keys) + ")"));
        return given;
    }

    /** Whether no source set {@code setting}, nor unset it: its built-in default, if any, applies as the table has it. */
    private boolean isDefault(Setting<?> setting) {
        return settings.from(setting).is(Origin.Kind.DEFAULT);
    }

    /**
     * A Unix socket file gets 0777 less the umask when catflap binds it (execute means nothing on
     * a socket); systemd's SocketMode= is the same rule written out, so who may connect stays
     * the same. Linux shows a process's umask in /proc/self/status without changing it.
     */
    private static int socketMode() {
        // an older kernel that does not show it: the usual umask
        return 0666 & ~ProcFs.system().umask().orElse(USUAL_UMASK);
    }
}
