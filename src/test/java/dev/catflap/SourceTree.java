package dev.catflap;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * catflap's own main sources and compiled classes, for the tests that keep a boundary between
 * packages (JNA and /proc in posix alone, socket kinds told apart by match): which files of a
 * tree, outside a package, something was found in.
 */
public final class SourceTree {
    /** The main sources, from the project's directory, where the tests run. */
    public static final Path SOURCES = Path.of("src/main/java");

    private SourceTree() {
    }

    /** The directory of the main classes, as the tests' class path has them. */
    public static Path classes() throws URISyntaxException {
        return Path.of(CatflapException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The files of {@code root} whose names end in {@code suffix}, in order. */
    public static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The files of {@code root} ending in {@code suffix} outside {@code packagePath} ({@code dev/catflap/posix/}) that {@code found} holds for, relative to root. */
    public static List<String> outside(Path root, String suffix, String packagePath, Predicate<Path> found) throws IOException {
        return files(root, suffix).stream().filter(file -> !inPackage(root, file, packagePath) && found.test(file))
                .map(file -> root.relativize(file).toString()).toList();
    }

    public static boolean inPackage(Path root, Path file, String packagePath) {
        return root.relativize(file).toString().replace('\\', '/').startsWith(packagePath);
    }

    public static String read(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    /** Whether the file holds {@code text}'s bytes, e.g. a class file's constant pool a string or a type's name. */
    public static boolean holds(Path file, String text) {
        byte[] bytes = bytes(file);
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int k = 0; k < wanted.length; k++) {
                if (bytes[i + k] != wanted[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(file + " cannot be read", e);
        }
    }
}
