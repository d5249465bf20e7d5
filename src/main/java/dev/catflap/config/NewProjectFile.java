package dev.catflap.config;

import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a project file written in a directory ({@code catflap --init}) would be to catflap's
 * search, told before it is written: a file catflap would ignore for trust is no starter at all,
 * and one that hides the team's file above it (only the nearest is read) is news to its writer.
 */
public final class NewProjectFile {
    private final Path directory;
    private final Path home;
    private final SettingsFileSystem system;

    private NewProjectFile(Path directory, Path home, SettingsFileSystem system) {
        this.directory = directory;
        this.home = home;
        this.system = system;
    }

    /**
     * The file in the working directory, where {@code --init} writes it.
     *
     * @param environment the caller's variables, for {@code HOME}, where the search ends
     */
    public static NewProjectFile here(Map<String, String> environment, Posix posix) {
        return new NewProjectFile(WorkingDirectory.current(), UserFile.home(environment),
                SettingsFileSystem.of(posix));
    }

    /** The directory it would be in. */
    public Path directory() {
        return directory;
    }

    /**
     * Why catflap would ignore the file there, though it would be the user's own ({@link Trust}:
     * the directory belongs to another user, or every user can write to it); empty where it would
     * obey it, or where the directory cannot be judged (writing it then says why).
     */
    public Optional<String> ignoredBecause() {
        int fd;
        try {
            // ".": the directory --init writes in (StarterFile writes relative to it), not its name again
            fd = system.openDirectory(new byte[] {'.'});
        } catch (PosixException e) {
            return Optional.empty();
        }
        try {
            // Judged as FoundFile judges a found file's directory: on what was opened.
            return new Trust(system).doubtDirectory(system.status(fd), "the working directory " + directory);
        } catch (PosixException e) {
            return Optional.empty();
        } finally {
            system.close(fd);
        }
    }

    /**
     * The project file above the directory that catflap, started there or below, reads now and
     * would no longer read: the nearest file is the project file (see {@link ProjectFile#fartherThan}).
     */
    public Optional<Path> hides() {
        return ProjectFile.fartherThan(directory.resolve(ProjectFile.NAME), directory, home).stream().findFirst();
    }
}
