package dev.catflap.config;

import dev.catflap.CatflapException;
import dev.catflap.posix.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The directory catflap runs in, as Java names it. Java decodes the working directory's name once,
 * at start, and resolves every relative path against that name: where the name is not UTF-8, the
 * decoded one names no directory, and every relative path (the project file's search, --watch .)
 * would silently find nothing. That is refused in one line instead.
 */
final class WorkingDirectory {
    private WorkingDirectory() {
    }

    /**
     * The working directory.
     *
     * @throws CatflapException (exit 1) where Java's name for it names no directory
     */
    static Path current() {
        Path named = Path.of("").toAbsolutePath();
        try {
            if (!Files.isSameFile(named, ProcFs.system().workingDirectory())) {
                throw elsewhere(named);
            }
        } catch (NoSuchFileException e) {
            throw elsewhere(named);
        } catch (IOException e) {
            // a directory out of the user's reach by name (its parent closed): Java's name is still right
        }
        return named;
    }

    /**
     * Java's name names no directory, or another: a name that is not UTF-8 (decoded with U+FFFD,
     * or '?' where Java decodes as ASCII), or a plain one that now stands for another directory
     * (it, or one above it, renamed or replaced since catflap started).
     */
    private static CatflapException elsewhere(Path named) {
        if (!named.toString().chars().allMatch(c -> c < 0x80 && c != '?')) {
            return notUtf8(named);
        }
        return CatflapException.failure("the working directory " + named + " is no longer there under that name (renamed or"
                + " replaced while catflap started), and catflap cannot find files relative to it: cd to it again");
    }

    private static CatflapException notUtf8(Path named) {
        return CatflapException.failure("the working directory's name is not UTF-8 (" + named
                + "), and catflap cannot find files relative to it: cd to another");
    }
}
