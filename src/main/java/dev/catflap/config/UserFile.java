package dev.catflap.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The user's own defaults for every project: {@code $XDG_CONFIG_HOME/catflap/config.properties},
 * by the XDG base directory rules {@code ~/.config/catflap/config.properties} when that variable is
 * unset, empty or not an absolute path. It is found, not named, so {@link Trust} judges it as it
 * does a project file: one that belongs to another user (root's sudo keeping the caller's HOME
 * would find the caller's) is ignored with a warning. Its directory is reached by its name: it
 * lies in the user's home or where XDG_CONFIG_HOME says, directories of the user's own that no
 * other user can rename entries in, and a link on that path is one the user put there.
 */
public final class UserFile {
    /** Where it is, as the help, the man page and the README say it, written once. */
    public static final String PLACE = "$XDG_CONFIG_HOME/catflap/config.properties";
    /** Where it is without a usable XDG_CONFIG_HOME, and when: what {@link #location} does, in words. */
    public static final String FALLBACK = "~/.config/catflap/config.properties where XDG_CONFIG_HOME is unset, empty "
            + "or not an absolute path";

    private UserFile() {
    }

    /** Where the user file is for this environment, whether it exists or not. */
    static Path location(Map<String, String> environment) {
        Path base = directory(environment.get("XDG_CONFIG_HOME")).filter(Path::isAbsolute)
                .orElseGet(() -> home(environment).resolve(".config"));
        return base.resolve("catflap").resolve("config.properties").normalize();
    }

    /** The user file, if it exists and is to be trusted. */
    static Optional<ConfigFile> read(Map<String, String> environment, SettingsFileReader reader, Trust trust, IgnoredFiles ignored) {
        Path path = location(environment);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Consumer<String> ignore = ignored.user(path);
        return reader.readTrusted(path, path.toString(), trust, ignore);
    }

    /** $HOME as the shell has it (Java's user.home comes from the password database instead). */
    static Path home(Map<String, String> environment) {
        return directory(environment.get("HOME")).orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    /** A variable's directory; none where it is unset, empty, or a name Java cannot use (not UTF-8). */
    private static Optional<Path> directory(String value) {
        try {
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
