package dev.catflap.config;

import dev.catflap.CatflapException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The team's settings, committed to its repository: the nearest {@code .catflap.properties} from
 * the working directory upward, or the file {@code --config} names instead of that search. It
 * arrives with a cloned repository, so it is trusted less than the user's own sources.
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
     */
    static Optional<ConfigFile> read(Optional<Path> explicit, Path workingDirectory) {
        if (explicit.isPresent()) {
            Path path = workingDirectory.resolve(explicit.get()).normalize();
            if (explicit.get().toString().isEmpty()) {
                throw CatflapException.usage("--config : no file named");
            }
            if (!Files.exists(path)) {
                throw CatflapException.usage("--config " + explicit.get() + ": no such file");
            }
            if (Files.isDirectory(path)) {
                throw CatflapException.usage("--config " + explicit.get() + ": a directory, not a file");
            }
            return Optional.of(ConfigFile.read(path));
        }
        return nearest(workingDirectory).map(ConfigFile::read);
    }

    private static Optional<Path> nearest(Path directory) {
        for (Path dir = directory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(NAME);
            // A dangling link counts as found: reading it then fails naming it, rather than
            // the settings a team committed being skipped without a word.
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
