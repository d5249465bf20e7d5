package dev.catflap.config;

import dev.catflap.launch.CommandWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * catflap's sources in a temporary directory, for the precedence tests: an empty project file
 * (given as --config, or found by the search from the directory), the local file's place beside
 * it, the user file's place under XDG_CONFIG_HOME, an environment that points
 * there, and a {@link Configuration} over a fake file system owned by the user.
 */
final class SettingsSources {
    final Path projectFile;
    final Path localFile;
    final Path userFile;
    private final Path directory;
    private final Configuration configuration;

    SettingsSources(Path directory) throws IOException {
        this.directory = directory;
        this.projectFile = Files.writeString(directory.resolve(ProjectFile.NAME), "");
        this.localFile = directory.resolve(LocalFile.NAME);
        this.userFile = directory.resolve("xdg/catflap/config.properties");
        Files.createDirectories(userFile.getParent());
        this.configuration = new Configuration(FakeFileSystem.owning(directory));
    }

    /** A new environment with HOME and XDG_CONFIG_HOME in the directory, and nothing else. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", directory.toString());
        environment.put("XDG_CONFIG_HOME", directory.resolve("xdg").toString());
        return environment;
    }

    Settings load(Map<Setting<?>, List<String>> flags, Optional<CommandWords> commandLine, Map<String, String> environment) {
        return configuration.load(flags, commandLine, Optional.of(projectFile), environment);
    }

    /** With {@code --config} naming {@code file} instead of the project file. */
    Settings loadConfig(Path file, Map<Setting<?>, List<String>> flags, Map<String, String> environment) {
        return configuration.load(flags, Optional.empty(), Optional.of(file), environment);
    }

    /** As the search finds the project file, from the directory: the local file beside it is read too. */
    Settings loadFound(Map<Setting<?>, List<String>> flags, Optional<CommandWords> commandLine, Map<String, String> environment) {
        return configuration.load(flags, commandLine, Optional.empty(), environment, directory);
    }
}
