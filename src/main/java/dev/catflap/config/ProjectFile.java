package dev.catflap.config;

import dev.catflap.CatflapException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The team's settings, committed to its repository: the nearest {@code .catflap.properties} from
 * the working directory upward, or the file {@code --config} names instead of that search. It
 * arrives with a cloned repository, so it is trusted less than the user's own sources.
 *
 * <p>The search stays on the working directory's filesystem and ends at the user's home
 * directory (searched, not what is above it): a file above those belongs to no project of the
 * user's. A file found is obeyed only if {@link Trust} finds nothing against it; otherwise it is
 * ignored with a warning saying why and how to use it anyway. A file named with {@code --config}
 * is the user's own choice: it need only be a regular file, reached by the name the user gave, as
 * any program opens a file named to it.
 */
final class ProjectFile {
    static final String NAME = ".catflap.properties";

    private ProjectFile() {
    }

    /**
     * The project file, if there is one.
     *
     * @param explicit the file given with {@code --config}, which must exist
     * @param workingDirectory where the search starts
     * @param home where the search ends, if the working directory is below it
     * @param warn told of a file found but ignored
     * @param ignored told of that file as {@code --show-config} names it: "PATH (found, but ignored: WHY)"
     */
    static Optional<ConfigFile> read(Optional<Path> explicit, Path workingDirectory, Path home,
            SettingsFileReader reader, Trust trust, Consumer<String> warn, Consumer<String> ignored) {
        if (explicit.isPresent()) {
            Path path = workingDirectory.resolve(explicit.get()).normalize();
            if (explicit.get().toString().isEmpty()) {
                throw CatflapException.usage("--config : no file named");
            }
            if (!Files.exists(path)) {
                throw CatflapException.usage("--config " + explicit.get() + ": no such file");
            }
            return Optional.of(reader.read(path, "--config " + explicit.get()));
        }
        Optional<Path> found = nearest(NAME, workingDirectory, home);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Consumer<String> ignore = doubt -> {
            warn.accept("warning: ignoring " + found.get() + ": " + doubt + "; to use it anyway, name it: --config " + found.get());
            ignored.accept(found.get() + " (found, but ignored: " + doubt + ")");
        };
        return reader.readTrusted(found.get(), levelsUp(found.get(), workingDirectory), found.get().toString(), trust, ignore);
    }

    /**
     * How many levels above the working directory the search found {@code found}: its directory
     * is reached from "." through ".." (see {@link FoundFile}), not by its name, which another user
     * who may rename a directory on the way could point elsewhere with a link. Empty where the
     * search started in another directory than the one catflap runs in (a test's): that directory
     * is reached by its name.
     */
    static OptionalInt levelsUp(Path found, Path workingDirectory) {
        Path start = workingDirectory.toAbsolutePath();
        if (!start.equals(Path.of("").toAbsolutePath())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(start.getNameCount() - found.getParent().getNameCount());
    }

    /**
     * The project files the search would have found above {@code found} (the nearest, found from
     * {@code workingDirectory}), nearest first: they are not read, as only the nearest counts, as
     * the nearest package.json does for npm; a directory of a monorepo with a file of its own
     * takes nothing from the root's. Only whether each exists is looked at, never what it holds:
     * {@code --show-config} names them, so that nobody wonders why the root's settings are missing.
     */
    static List<Path> fartherThan(Path found, Path workingDirectory, Path home) {
        Optional<Object> filesystem = filesystem(workingDirectory.toAbsolutePath());
        List<Path> farther = new ArrayList<>();
        Path directory = found.getParent();
        while (!isSame(directory, home) && directory.getParent() != null) {
            Optional<Path> next = nearest(NAME, directory.getParent(), filesystem, home);
            if (next.isEmpty()) {
                break;
            }
            farther.add(next.get());
            directory = next.get().getParent();
        }
        return farther;
    }

    /** The nearest entry {@code name} from {@code directory} upward, as the search goes. */
    static Optional<Path> nearest(String name, Path directory, Path home) {
        Path start = directory.toAbsolutePath();
        return nearest(name, start, filesystem(start), home);
    }

    /** The nearest file from {@code start} upward, on {@code filesystem} (the working directory's), up to {@code home}. */
    private static Optional<Path> nearest(String name, Path start, Optional<Object> filesystem, Path home) {
        for (Path dir = start; dir != null && filesystem.isPresent() && filesystem(dir).equals(filesystem); dir = dir.getParent()) {
            Path candidate = dir.resolve(name);
            // A dangling link counts as found: reading it then fails naming it, rather than
            // the settings a team committed being skipped without a word.
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
            if (isSame(dir, home)) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The device a directory is on; empty where it cannot be told, which ends the search there. */
    private static Optional<Object> filesystem(Path directory) {
        try {
            return Optional.of(Files.getAttribute(directory, "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** $HOME may be written through a link (/home to /usr/home): compare the directories, not their names. */
    private static boolean isSame(Path directory, Path home) {
        try {
            return Files.isSameFile(directory, home);
        } catch (IOException e) {
            return false;
        }
    }
}
