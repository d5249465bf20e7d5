package dev.catflap.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The settings files catflap found by itself but did not read, because {@link Trust} doubted
 * them: each is warned of as it is found, and {@code --show-config} says again that it was found
 * and why it was ignored, rather than that it was not found.
 */
final class IgnoredFiles {
    private final Consumer<String> warn;
    private Optional<Ignored> local = Optional.empty();
    private Optional<Ignored> user = Optional.empty();

    /** @param warn told of each file ignored, as a warning */
    IgnoredFiles(Consumer<String> warn) {
        this.warn = warn;
    }

    /** A file found and ignored, and why. */
    record Ignored(Path path, String because) {
    }

    /** What to tell of the local file at {@code path}, ignored: why. */
    Consumer<String> local(Path path) {
        return because -> {
            local = Optional.of(new Ignored(path, because));
            warn.accept("warning: ignoring the local file " + path + ": " + because);
        };
    }

    /** What to tell of the user file at {@code path}, ignored: why. */
    Consumer<String> user(Path path) {
        return because -> {
            user = Optional.of(new Ignored(path, because));
            warn.accept("warning: ignoring the user file " + path + ": " + because);
        };
    }

    Optional<Ignored> local() {
        return local;
    }

    Optional<Ignored> user() {
        return user;
    }
}
