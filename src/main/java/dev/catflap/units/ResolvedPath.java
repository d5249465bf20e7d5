package dev.catflap.units;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A path catflap uses as given (the command's executable, a Unix socket's file), made absolute
 * for a unit so that it names the same file. {@code normalize()} drops {@code link/..} without
 * looking, where the kernel follows {@code link} first and then goes up from its target: so a
 * path with {@code ..} takes its parent's real path, links resolved, and keeps its last name
 * (a link there is what catflap runs or binds, and systemd too).
 */
final class ResolvedPath {
    private static final Path UP = Path.of("..");

    private ResolvedPath() {
    }

    /**
     * @param path as catflap uses it, relative to {@code directory} or absolute
     * @throws IllegalArgumentException where a path with {@code ..} cannot be resolved (its
     *     directory does not exist, or cannot be searched): catflap could not use it either
     */
    static String of(Path directory, String path) {
        Path absolute = directory.resolve(path);
        if (!hasUp(absolute)) {
            return absolute.normalize().toString();
        }
        try {
            Path name = absolute.getFileName();
            if (name == null || name.equals(UP)) {
                return absolute.toRealPath().toString();
            }
            return absolute.getParent().toRealPath().resolve(name).toString();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("its directory " + absolute.getParent() + " does not exist, so where its "
                    + "'..' leads cannot be told");
        } catch (IOException e) {
            throw new IllegalArgumentException("where its '..' leads cannot be told: " + e.getMessage());
        }
    }

    private static boolean hasUp(Path path) {
        for (Path name : path) {
            if (name.equals(UP)) {
                return true;
            }
        }
        return false;
    }
}
