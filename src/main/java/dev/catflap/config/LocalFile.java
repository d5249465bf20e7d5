package dev.catflap.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
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

    private LocalFile() {
    }

    /** The local file beside {@code projectFile}, if it exists and is to be trusted. */
    static Optional<ConfigFile> read(Path projectFile, SettingsFileReader reader, Trust trust, IgnoredFiles ignored) {
        Path path = projectFile.resolveSibling(NAME);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Consumer<String> ignore = ignored.local(path);
        Optional<String> doubt = trust.doubt(path);
        if (doubt.isPresent()) {
            ignore.accept(doubt.get());
            return Optional.empty();
        }
        return reader.readTrusted(path, path.toString(), trust, ignore);
    }
}
