package dev.catflap.config;

import dev.catflap.CatflapException;
import dev.catflap.DebugVariable;
import dev.catflap.launch.CommandWords;
import dev.catflap.posix.Posix;
import dev.catflap.socket.ListenSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds catflap's settings from its sources, highest first: command-line flags, CATFLAP_*
 * environment variables, the local file, the project file, the user file, the built-in defaults. Every value is
 * checked before it is used; a bad one stops catflap with a message naming the key, the value and
 * where it came from. A list takes the elements of all of them instead ({@link ListValue}).
 *
 * <p>That order is catflap's alone: each source's {@link Origin} is decided here, as it is made,
 * and its rank is the origin's, fixed in code; nothing a source holds can change it or how the
 * others are read (see {@link RankedSource}). catflap merges the sources itself ({@link
 * SettingValues}): no profiles ({@code %dev.}) and no {@code ${...}} expansion; a value is what
 * its source wrote.
 */
@ApplicationScoped
public class Configuration {
    /**
     * catflap's variables that are no setting's: the launcher's JVM options
     * (src/main/launcher/catflap) and the internal error's trace.
     */
    private static final Set<String> OTHER_VARIABLES = Set.of("CATFLAP_JAVA_OPTS", DebugVariable.NAME);

    private final SettingsFileSystem system;

    @Inject
    public Configuration(Posix posix) {
        this(SettingsFileSystem.of(posix));
    }

    Configuration(SettingsFileSystem system) {
        this.system = system;
    }

    /**
     * The effective settings.
     *
     * @param flags the settings given as options, by {@link Setting}, as the user typed them: a
     *     list's values each an element, in order; another setting's one value
     * @param commandLine the command the command line gives, if any: it replaces a configured
     *     command (any {@code catflap.command}), as options replace settings, but keeps its words
     * @param configFile the project file {@code --config} names, instead of searching for one
     * @param environment the caller's environment variables (CATFLAP_*, HOME, XDG_CONFIG_HOME)
     * @throws CatflapException (exit 2) for a value that is not valid, or a file that is not
     *     properties or not a regular file of at most 1 MiB; (exit 1) for a file that cannot be
     *     read. A file found but not trusted is no error: it is ignored with a warning.
     */
    public Settings load(Map<Setting<?>, List<String>> flags, Optional<CommandWords> commandLine, Optional<Path> configFile,
            Map<String, String> environment) {
        return load(flags, commandLine, configFile, environment, WorkingDirectory.current());
    }

    /** As {@link #load(Map, Optional, Optional, Map)}, the project file's search starting in {@code workingDirectory}. */
    Settings load(Map<Setting<?>, List<String>> flags, Optional<CommandWords> commandLine, Optional<Path> configFile,
            Map<String, String> environment, Path workingDirectory) {
        List<String> warnings = new ArrayList<>(unknownVariables(environment));
        SettingsFileReader reader = new SettingsFileReader(system);
        Trust trust = new Trust(system);
        List<String> ignoredProject = new ArrayList<>();
        Optional<ConfigFile> project = ProjectFile.read(configFile, workingDirectory, UserFile.home(environment),
                reader, trust, warnings::add, ignoredProject::add);
        IgnoredFiles ignored = new IgnoredFiles(warnings::add);
        Optional<ConfigFile> local = configFile.isPresent() ? Optional.empty()
                : project.flatMap(file -> LocalFile.read(file.path(),
                        ProjectFile.levelsUp(file.path(), workingDirectory), reader, trust, ignored));
        // Only where the search found nothing: beside an ignored project file, that file's warning says enough.
        Optional<Path> loneLocal = configFile.isPresent() || project.isPresent() || !ignoredProject.isEmpty() ? Optional.empty()
                : LocalFile.lone(workingDirectory, UserFile.home(environment), warnings::add);
        Optional<ConfigFile> user = UserFile.read(environment, reader, trust, ignored);
        Origin.Kind projectKind = configFile.isPresent() ? Origin.Kind.CONFIG_FILE : Origin.Kind.PROJECT_FILE;
        SettingValues config = new SettingValues(sources(flags, environment, fileSource(Origin.Kind.LOCAL_FILE, local),
                fileSource(projectKind, project), fileSource(Origin.Kind.USER_FILE, user)));
        CatflapConfig typed = values(config, commandLine);
        Combinations.check(config, typed);

        local.ifPresent(file -> warnings.addAll(file.warnings()));
        project.ifPresent(file -> warnings.addAll(file.warnings()));
        user.ifPresent(file -> warnings.addAll(file.warnings()));
        exposedHost(config, typed).ifPresent(warnings::add);
        // Looked for only when asked (--show-config): a stat per directory up to $HOME, not for every start.
        Supplier<List<Path>> notRead = () -> configFile.isPresent() ? List.of()
                : project.map(file -> ProjectFile.fartherThan(file.path(), workingDirectory, UserFile.home(environment)))
                        .orElse(List.of());
        return new Settings(config, typed, commandLine.isPresent(), project.map(ConfigFile::path), notRead,
                local.map(ConfigFile::path), ignoredProject.stream().findFirst(), loneLocal, UserFile.location(environment),
                user.isPresent(), ignored, configFile.isPresent(), warnings);
    }

    /**
     * Every setting's value, parsed. The command line's command is above every source, so a
     * configured command is then neither parsed nor checked, as for any option given.
     */
    private static CatflapConfig values(SettingValues config, Optional<CommandWords> commandLine) {
        CatflapConfig.Builder values = CatflapConfig.builder();
        for (Setting<?> setting : Setting.values()) {
            if (setting == Setting.COMMAND && commandLine.isPresent()) {
                values.set(Setting.COMMAND, commandLine.get());
            } else {
                put(values, config, setting);
            }
        }
        return values.build();
    }

    private static <T> void put(CatflapConfig.Builder values, SettingValues config, Setting<T> setting) {
        parsed(config, setting).ifPresent(value -> values.set(setting, value));
    }

    /**
     * Warnings for the CATFLAP_* variables no setting has, as for unknown keys in a file: a
     * misspelt CATFLAP_PROT would otherwise be ignored silently. The same for a setting's variable
     * spelt otherwise ({@code catflap_port}, {@code catflap.port}): it is not read, and the user who
     * set it meant the setting. Another lower-case name (catflap_dir) may be the user's own.
     */
    private static List<String> unknownVariables(Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            Optional<Setting<?>> meant = Setting.misspeltVariable(name);
            if (meant.isPresent()) {
                warnings.add("warning: variable " + name + " in the environment is not read (ignored): catflap reads "
                        + meant.get().environmentVariable());
            } else if (name.startsWith(Setting.VARIABLE_PREFIX) && Setting.forVariable(name).isEmpty()
                    && !OTHER_VARIABLES.contains(name)) {
                warnings.add("warning: unknown variable " + name + " in the environment (ignored)");
            }
        }
        return warnings;
    }

    /**
     * The variables that name a setting, by their exact names (CATFLAP_PORT), by key: no other
     * variable (a catflap_port, a CONFIG_ORDINAL, a QUARKUS_*) is offered to whatever reads them.
     */
    private static Map<String, String> settingVariables(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>();
        for (Setting<?> setting : Setting.values()) {
            String value = environment.get(setting.environmentVariable());
            if (value != null) {
                variables.put(setting.key(), value);
            }
        }
        return variables;
    }

    /** catflap's sources, each with its origin, which decides its rank. */
    private static List<RankedSource> sources(Map<Setting<?>, List<String>> flags, Map<String, String> environment,
            Optional<RankedSource> local, Optional<RankedSource> project, Optional<RankedSource> user) {
        Map<String, String> flagProperties = new HashMap<>();
        Map<String, List<String>> flagLists = new HashMap<>();
        flags.forEach((setting, values) -> {
            if (setting.isList()) {
                flagLists.put(setting.key(), values); // the elements as typed: no text to split again
            } else {
                flagProperties.put(setting.key(), values.get(values.size() - 1));
            }
        });
        List<RankedSource> sources = new ArrayList<>();
        sources.add(RankedSource.of(Origin.option(), flagProperties, flagLists, Map.of()));
        sources.add(RankedSource.variables(settingVariables(environment)));
        local.ifPresent(sources::add);
        project.ifPresent(sources::add);
        user.ifPresent(sources::add);
        sources.add(RankedSource.of(Origin.defaults(), Setting.defaults()));
        return sources;
    }

    /** A file's source has its path in its origin, so that errors about its values name the file. */
    private static Optional<RankedSource> fileSource(Origin.Kind kind, Optional<ConfigFile> file) {
        return file.map(read -> RankedSource.of(Origin.file(kind, read.path()), read.properties(), read.lists(), read.lines()));
    }

    /**
     * A project file arrives with a cloned repository: if it is what opens the socket to other
     * machines, the user should hear of it before the socket is bound. Listen specs replace the
     * host where they are set, so then it is theirs that count.
     */
    private static Optional<String> exposedHost(SettingValues config, CatflapConfig mapping) {
        if (mapping.listen().isPresent()) {
            return config.list(Setting.LISTEN).orElseThrow().parts().stream()
                    .flatMap(part -> exposedListenSpec(part).stream()).findFirst();
        }
        WrittenValue host = config.value(Setting.HOST);
        InetAddress address = mapping.host();
        if (!host.origin().isProjectFile() || address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + host.atStart(Setting.HOST)
                + ": not a loopback address: other machines can connect to the command");
    }

    /** The project file's part of the listen specs, which adds to the user's own (see {@link ListValue}). */
    private static Optional<String> exposedListenSpec(ListValue.Part part) {
        WrittenValue listen = part.written();
        if (!listen.origin().isProjectFile()) {
            return Optional.empty();
        }
        List<ListenSpec> specs = Setting.LISTEN.parse(part.elements());
        return specs.stream().filter(ListenSpec::reachableFromOtherHosts).findFirst()
                .map(spec -> "warning: " + listen.atStart(Setting.LISTEN) + ": " + spec.text()
                        + " is not a loopback address: other machines can connect to the command");
    }

    /**
     * The value of {@code setting}, parsed; empty when no source sets it. An empty value unsets
     * the setting above the sources below it ({@code CATFLAP_WATCH=} over a file's watch): the
     * built-in default applies, if any.
     */
    private static <T> Optional<T> parsed(SettingValues config, Setting<T> setting) {
        WrittenValue value = config.value(setting);
        if (value.text() == null) {
            return Optional.empty();
        }
        if (value.text().isEmpty()) {
            return setting.defaultValue().map(setting::parse);
        }
        Optional<ListValue> list = config.list(setting);
        if (list.isEmpty()) {
            // the message shows the value as written, then the path it resolved to, if another
            String resolved = value.resolved(setting);
            String after = resolved.equals(value.text()) ? "" : " (" + resolved + ")";
            return Optional.of(parse(() -> setting.parse(resolved), config.origin(setting), after, setting, value));
        }
        // A list's elements are checked source by source first, so that an error names the source of the bad one.
        List<ListValue.Part> parts = list.get().parts();
        for (ListValue.Part part : parts.size() > 1 ? parts : List.<ListValue.Part>of()) {
            parse(() -> setting.parse(part.elements()), part.written().atStart(setting), "", setting, part.written());
        }
        return Optional.of(parse(() -> setting.parse(list.get().elements()), config.origin(setting), "", setting, value));
    }

    /**
     * {@code parsing}'s value, or an error: {@code origin} (as {@code value} was written), what is wrong, {@code after};
     * {@code setting} and where {@code value} was written choose the hint of a refused {@code #} word.
     */
    private static <T> T parse(Supplier<T> parsing, String origin, String after, Setting<?> setting, WrittenValue value) {
        try {
            return parsing.get();
        } catch (ShellWords.CommentWord e) {
            throw CatflapException.usage(origin + ": " + ShellWords.COMMENT_START + "; "
                    + value.origin().commentHint(setting, e.quoted()));
        } catch (ShellWords.Unquoted e) {
            throw CatflapException.usage(origin + ": " + e.messageFrom(value.origin()) + after);
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(origin + ": " + e.getMessage() + after);
        }
    }

    /**
     * A repeated option as the user typed it, one option per value given, an empty one as
     * {@code ''}: {@code --ignore a,b --ignore ''}.
     */
    static String asTyped(Setting<?> setting, List<String> values) {
        List<String> options = new ArrayList<>();
        for (String element : values) {
            options.add(setting.option() + " " + (element.isEmpty() ? "''" : element));
        }
        return String.join(" ", options);
    }
}
