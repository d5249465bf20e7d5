package dev.catflap.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * For the tests that play another user (CI runs as root; nobody through setpriv): a directory
 * every user may write to, mode 1777 as /tmp, inside a new directory of root's (0755) that only
 * the test uses, since the JUnit temporary directories are 0700 and nobody could not reach them.
 */
final class SharedDirectory {
    private SharedDirectory() {
    }

    /** base/shared, 1777, in a new base 0755 named {@code prefix}...; the caller removes the base. */
    static Path create(String prefix) throws IOException {
        Path base = Files.createTempDirectory(prefix);
        Files.setAttribute(base, "unix:mode", 0755);
        Path shared = Files.createDirectory(base.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777); // set, as the umask would take the sticky bit off
        return shared;
    }

    /** Removes {@code top} and everything in it, deepest first. */
    static void deleteTree(Path top) throws IOException {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
