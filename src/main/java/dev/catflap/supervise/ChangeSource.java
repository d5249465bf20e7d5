package dev.catflap.supervise;

import dev.catflap.supervise.Event.Changed;
import java.util.function.Consumer;

/**
 * Where the {@link RestartLoop} learns of changes under the watched paths: the {@link Watcher} on
 * the system, a fake in tests, which then drive the loop's restarts without a file system watch.
 */
interface ChangeSource extends AutoCloseable {
    /** Nothing changes: without --watch the command runs once. */
    ChangeSource NONE = new ChangeSource() {
        @Override
        public void start(Consumer<Changed> receiver) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts reporting each burst of changes to {@code receiver}, from another thread.
     *
     * @throws dev.catflap.CatflapException when a path cannot be watched: catflap does not start the command
     */
    void start(Consumer<Changed> receiver);

    /** Stops reporting them (in dev mode, the JVM lives on after catflap's run). */
    @Override
    void close();
}
