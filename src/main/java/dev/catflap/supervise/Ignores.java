package dev.catflap.supervise;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Consumer;

/**
 * What --watch leaves out (see {@link IgnoreRules}).
 *
 * @param globs the --ignore globs, compiled as the settings were checked
 * @param builtIn whether catflap's built-in list counts (off with --no-default-ignores)
 * @param files whether the repository's ignore files count (off with --no-ignore-files)
 * @param reader reads the ignore files
 */
public record Ignores(List<IgnoreGlob> globs, boolean builtIn, boolean files, IgnoreFileReader reader) {
    /**
     * The ignore files in force under {@code watched}, as the watcher would read them (for
     * {@code --show-config}): each watched directory is walked, ignored directories skipped.
     */
    public List<Path> filesInForce(List<Path> watched, Consumer<String> warn) {
        IgnoreRules rules = IgnoreRules.of(watched, this, warn);
        for (Path root : watched) {
            if (files && Files.isDirectory(root)) {
                walk(root, rules);
            }
        }
        return rules.filesInForce();
    }

    private static void walk(Path root, IgnoreRules rules) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (!directory.equals(root) && rules.ignores(root, root.relativize(directory))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    rules.readIn(root, directory);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a tree that cannot be walked lists what was found so far; --watch says what is wrong
        }
    }
}
