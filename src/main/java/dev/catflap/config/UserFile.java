package dev.catflap.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The user's own defaults for every project: {@code $XDG_CONFIG_HOME/catflap/config.properties},
 * by the XDG base directory rules {@code ~/.config/catflap/config.properties} when that variable is
 * unset, empty or not an absolute path.
 */
final class UserFile {
    private UserFile() {
    }

    /** Where the user file is for this environment, whether it exists or not. */
    static Path location(Map<String, String> environment) {
        String configHome = environment.get("XDG_CONFIG_HOME");
        Path base = configHome != null && !configHome.isEmpty() && Path.of(configHome).isAbsolute()
                ? Path.of(configHome)
                : home(environment).resolve(".config");
        return base.resolve("catflap").resolve("config.properties").normalize();
    }

    /** The user file, if it exists. */
    static Optional<ConfigFile> read(Map<String, String> environment) {
        Path path = location(environment);
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(ConfigFile.read(path)) : Optional.empty();
    }

    /** $HOME as the shell has it (Java's user.home comes from the password database instead). */
    private static Path home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }
}
