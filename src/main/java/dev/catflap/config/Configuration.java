package dev.catflap.config;

import dev.catflap.CatflapException;
import dev.catflap.DebugVariable;
import dev.catflap.launch.CommandWords;
import dev.catflap.posix.Posix;
import dev.catflap.socket.ListenSpec;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
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
 * <p>That order is catflap's alone: each source's rank is fixed here, and nothing a source holds
 * can change it or how the others are read (see {@link RankedSource}). SmallRye only merges: no
 * interceptors, so no profiles ({@code %dev.}) and no {@code ${...}} expansion; a value is what
 * its source wrote.
 */
@ApplicationScoped
public class Configuration {
    static final String FLAGS = "flags";
    static final String ENVIRONMENT = "environment";
    static final String DEFAULTS = "defaults";
    private static final int FLAGS_ORDINAL = 400;
    private static final int ENVIRONMENT_ORDINAL = 300;
    private static final int LOCAL_FILE_ORDINAL = 275;
    private static final int PROJECT_FILE_ORDINAL = 250;
    private static final int USER_FILE_ORDINAL = 200;
    private static final int DEFAULTS_ORDINAL = 100;
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
     * @param flags the settings given as options, by {@link Setting}, as the user typed them
     * @param commandLine the command the command line gives, if any: it replaces a configured
     *     command (any {@code catflap.command}), as options replace settings, but keeps its words
     * @param configFile the project file {@code --config} names, instead of searching for one
     * @param environment the caller's environment variables (CATFLAP_*, HOME, XDG_CONFIG_HOME)
     * @throws CatflapException (exit 2) for a value that is not valid, or a file that is not
     *     properties or not a regular file of at most 1 MiB; (exit 1) for a file that cannot be
     *     read. A file found but not trusted is no error: it is ignored with a warning.
     */
    public Settings load(Map<Setting<?>, String> flags, Optional<CommandWords> commandLine, Optional<Path> configFile,
            Map<String, String> environment) {
        return load(flags, commandLine, configFile, environment, WorkingDirectory.current());
    }

    /** As {@link #load(Map, Optional, Optional, Map)}, the project file's search starting in {@code workingDirectory}. */
    Settings load(Map<Setting<?>, String> flags, Optional<CommandWords> commandLine, Optional<Path> configFile,
            Map<String, String> environment, Path workingDirectory) {
        List<String> warnings = new ArrayList<>(unknownVariables(environment));
        SettingsFileReader reader = new SettingsFileReader(system);
        Trust trust = new Trust(system.effectiveUid());
        Optional<ConfigFile> project = ProjectFile.read(configFile, workingDirectory, UserFile.home(environment),
                reader, trust, warnings::add);
        Optional<ConfigFile> local = configFile.isPresent() ? Optional.empty()
                : project.flatMap(file -> LocalFile.read(file.path(), reader, trust, warnings::add));
        Optional<ConfigFile> user = UserFile.read(environment, reader, trust, warnings::add);
        SettingValues config = new SettingValues(builder(flags, environment, local, project, user).build());
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
                local.map(ConfigFile::path), UserFile.location(environment), user.isPresent(), warnings);
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
     * misspelt CATFLAP_PROT would otherwise be ignored silently. SmallRye also takes a key's
     * lower-case form, so the names are compared as it would map them.
     */
    private static List<String> unknownVariables(Map<String, String> environment) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            String mapped = Setting.asVariable(name);
            if (mapped.startsWith(Setting.VARIABLE_PREFIX) && Setting.forVariable(name).isEmpty()
                    && !OTHER_VARIABLES.contains(mapped)) {
                warnings.add("warning: unknown variable " + name + " in the environment (ignored)");
            }
        }
        return warnings;
    }

    /**
     * The variables that name a setting, as SmallRye would find them (CATFLAP_PORT, or its
     * lower-case or dotted form): the environment source holds nothing else. SmallRye's takes its
     * rank from CONFIG_ORDINAL (or config_ordinal) in the map it is given, and would offer every
     * variable to whatever reads configuration.
     */
    private static Map<String, String> settingVariables(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>();
        environment.forEach((name, value) -> {
            if (Setting.forVariable(name).isPresent()) {
                variables.put(name, value);
            }
        });
        return variables;
    }

    private SmallRyeConfigBuilder builder(Map<Setting<?>, String> flags, Map<String, String> environment,
            Optional<ConfigFile> local, Optional<ConfigFile> project, Optional<ConfigFile> user) {
        Map<String, String> flagProperties = new HashMap<>();
        flags.forEach((setting, value) -> flagProperties.put(setting.key(), value));
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .setAddDefaultInterceptors(false)
                .setAddDiscoveredInterceptors(false)
                .withSources(new RankedSource(FLAGS, flagProperties, FLAGS_ORDINAL))
                .withSources(new EnvConfigSource(settingVariables(environment), ENVIRONMENT_ORDINAL) {
                    @Override
                    public String getName() {
                        return ENVIRONMENT;
                    }

                    @Override
                    public int getOrdinal() {
                        return ENVIRONMENT_ORDINAL;
                    }
                })
                .withSources(new RankedSource(DEFAULTS, Setting.defaults(), DEFAULTS_ORDINAL))
                .withValidateUnknown(false);
        local.ifPresent(file -> builder.withSources(fileSource(file, LOCAL_FILE_ORDINAL)));
        project.ifPresent(file -> builder.withSources(fileSource(file, PROJECT_FILE_ORDINAL)));
        user.ifPresent(file -> builder.withSources(fileSource(file, USER_FILE_ORDINAL)));
        return builder;
    }

    /** A file's source is named by its path, so that errors about its values name the file. */
    private static RankedSource fileSource(ConfigFile file, int ordinal) {
        return new RankedSource(file.path().toString(), file.properties(), file.lines(), ordinal);
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
        ConfigValue host = config.value(Setting.HOST);
        InetAddress address = mapping.host();
        if (host.getSourceOrdinal() != PROJECT_FILE_ORDINAL || address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + origin(Setting.HOST, host)
                + ": not a loopback address: other machines can connect to the command");
    }

    /** The project file's part of the listen specs, which adds to the user's own (see {@link ListValue}). */
    private static Optional<String> exposedListenSpec(ListValue.Part part) {
        ConfigValue listen = part.written();
        if (listen.getSourceOrdinal() != PROJECT_FILE_ORDINAL) {
            return Optional.empty();
        }
        List<ListenSpec> specs = Setting.LISTEN.parse(part.text());
        return specs.stream().filter(ListenSpec::reachableFromOtherHosts).findFirst()
                .map(spec -> "warning: " + origin(Setting.LISTEN, listen) + ": " + spec.text()
                        + " is not a loopback address: other machines can connect to the command");
    }

    /**
     * The value of {@code setting}, parsed; empty when no source sets it. An empty value unsets
     * the setting above the sources below it ({@code CATFLAP_WATCH=} over a file's watch): the
     * built-in default applies, if any.
     */
    private static <T> Optional<T> parsed(SettingValues config, Setting<T> setting) {
        ConfigValue value = config.value(setting);
        if (value.getValue() == null) {
            return Optional.empty();
        }
        if (value.getValue().isEmpty()) {
            return setting.defaultValue().map(setting::parse);
        }
        // A list's elements are checked source by source first, so that an error names the source of the bad one.
        List<ListValue.Part> parts = config.list(setting).map(ListValue::parts).orElse(List.of());
        for (ListValue.Part part : parts.size() > 1 ? parts : List.<ListValue.Part>of()) {
            parse(setting, part.text(), origin(setting, part.written()));
        }
        return Optional.of(parse(setting, value.getValue(), config.origin(setting)));
    }

    private static <T> T parse(Setting<T> setting, String text, String origin) {
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(origin + ": " + e.getMessage());
        }
    }

    /**
     * How the user would write this value where it came from, e.g. {@code CATFLAP_PORT=eighty},
     * or where to find it: {@code FILE:LINE: catflap.port=eighty}, as compilers name a line, for
     * the head of a message ({@code FILE:LINE: catflap.port=eighty: not a port number}).
     */
    static String origin(Setting<?> setting, ConfigValue value) {
        return switch (value.getSourceName()) {
            case FLAGS, ENVIRONMENT, DEFAULTS -> mention(setting, value);
            default -> value.getLineNumber() > 0
                    ? ConfigFile.at(Path.of(value.getSourceName()), setting.key(), value.getValue(), value.getLineNumber())
                    : setting.key() + "=" + value.getValue() + " in " + value.getSourceName();
        };
    }

    /**
     * {@link #origin}, for the middle of a sentence, where a file's value is named before the
     * place it is in: {@code catflap.listen=... (FILE:LINE)}.
     */
    static String mention(Setting<?> setting, ConfigValue value) {
        return switch (value.getSourceName()) {
            case FLAGS -> asTyped(setting, value.getValue());
            case ENVIRONMENT -> setting.environmentVariable() + "=" + value.getValue();
            case DEFAULTS -> setting.key() + "=" + value.getValue() + " in the built-in defaults";
            default -> setting.key() + "=" + value.getValue() + " (" + value.getSourceName()
                    + (value.getLineNumber() > 0 ? ":" + value.getLineNumber() : "") + ")";
        };
    }

    /**
     * The options as the user typed them: a repeated option's values were joined into one list
     * value, with their commas and backslashes escaped, and are shown as given again: --ignore
     * "{a,b" is not shown as the value it became, "{a\,b".
     */
    private static String asTyped(Setting<?> setting, String value) {
        if (!setting.isList() || value.isEmpty()) {
            return setting.option() + " " + value;
        }
        List<String> elements = ListSyntax.writtenElements(value);
        if (elements.isEmpty()) {
            return setting.option() + " " + value;
        }
        List<String> options = new ArrayList<>();
        for (String element : elements) {
            options.add(setting.option() + " " + (element.isEmpty() ? "''" : element));
        }
        return String.join(" ", options);
    }
}
