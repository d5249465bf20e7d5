package dev.catflap.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A developer's own overrides for one checkout: {@code .catflap.local.properties} beside the
 * project file the search found, meant to be gitignored. It ranks above the project file, so a
 * developer who needs another port writes it once instead of typing {@code -p} every time.
 *
 * <p>It is read only beside a project file that the search found and read: {@code --config}
 * names the project settings in full (CI's own file gets just that file), and a directory
 * without a team file has no project to override. It is found, not named, so {@link Trust}
 * judges it as it does the project file.
 */
final class LocalFile {
    static final String NAME = ".catflap.local.properties";
    /** Why a local file with no project file beside it is not read. */
    static final String LONE = "it overrides a " + ProjectFile.NAME + " beside it, and there is none";

    private LocalFile() {
    }

    /**
     * A local file the search would reach where it found no project file: not read, as it has
     * nothing to override, but a developer who wrote one and sees it do nothing is told why.
     */
    static Optional<Path> lone(Path workingDirectory, Path home, Consumer<String> warn) {
        Optional<Path> lone = ProjectFile.nearest(NAME, workingDirectory, home);
        lone.ifPresent(path -> warn.accept("warning: not reading the local file " + path + ": " + LONE));
        return lone;
    }

    /**
     * The local file beside {@code projectFile}, if it exists and is to be trusted; its directory
     * reached as the project file's was (see {@link ProjectFile#levelsUp}).
     */
    static Optional<ConfigFile> read(Path projectFile, OptionalInt levelsUp, SettingsFileReader reader, Trust trust,
            IgnoredFiles ignored) {
        Path path = projectFile.resolveSibling(NAME);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Consumer<String> ignore = ignored.local(path);
        return reader.readTrusted(path, levelsUp, path.toString(), trust, ignore);
    }
}
