package dev.catflap.supervise;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.catflap.CatflapException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells when files under the watched paths change. Every directory below a watched path is
 * watched (inotify, through Java's WatchService), except the ignored ones; a watched file is
 * watched through its directory. A burst of changes is reported once, with its first path, when
 * no further change has come for a quiet period: saving in an editor or running a build writes
 * several files, and one restart is enough.
 */
final class Watcher implements AutoCloseable {
    static final Duration QUIET_PERIOD = Duration.ofMillis(200);

    private final WatchService service;
    private final IgnoreRules rules;
    /**
     * What each key watches. The WatchService gives one key per directory, so a directory watched
     * for several reasons (two files in it, or a file and the tree it is in) has several entries.
     */
    private final Map<WatchKey, Set<Directory>> directories = new ConcurrentHashMap<>();

    /**
     * A watched directory: its path as the user would write it (the watched path, then the way
     * down), the watched path it is under, and, for a watched file, that file's name.
     */
    private record Directory(Path path, Path root, Path onlyFile) {
    }

    /** @throws CatflapException when a path cannot be watched */
    Watcher(List<Path> roots, IgnoreRules rules) {
        this.rules = rules;
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw CatflapException.failure("cannot watch files: " + e.getMessage());
        }
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    registerTree(root, root);
                } else {
                    register(new Directory(root.toAbsolutePath().getParent(), root, root.getFileName()));
                }
            } catch (IOException e) {
                throw CatflapException.failure("cannot watch " + root + ": " + problem(root, e));
            }
        }
    }

    /**
     * What went wrong, and where below {@code root}: Java's file exceptions carry the file as their
     * message and give a reason only sometimes.
     */
    private static String problem(Path root, IOException e) {
        if (!(e instanceof FileSystemException failed)) {
            return e.getMessage();
        }
        String reason;
        if (failed instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (failed instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (failed instanceof NotDirectoryException) {
            reason = "not a directory";
        } else {
            reason = failed.getReason() == null ? "cannot be watched" : failed.getReason().toLowerCase(Locale.ROOT);
        }
        String file = failed.getFile();
        return file == null || Path.of(file).equals(root) ? reason : file + ": " + reason;
    }

    /** Reports each burst of changes to {@code onChange}, from a thread of its own. */
    void start(Consumer<Path> onChange) {
        Thread thread = new Thread(() -> report(onChange), "catflap-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void report(Consumer<Path> onChange) {
        try {
            while (true) {
                Path first = changeIn(service.take());
                if (first != null) {
                    WatchKey more;
                    while ((more = service.poll(QUIET_PERIOD.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                        changeIn(more);
                    }
                    onChange.accept(first);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: watching is over
        }
    }

    /** Stops watching (in dev mode, the JVM lives on after catflap's run). */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** The first change {@code key} reports that is not ignored, or null. */
    private Path changeIn(WatchKey key) {
        Set<Directory> watched = directories.getOrDefault(key, Set.of());
        Path first = null;
        for (WatchEvent<?> event : key.pollEvents()) {
            for (Directory directory : watched) {
                Path changed = changed(directory, event);
                if (first == null) {
                    first = changed;
                }
            }
        }
        if (!key.reset()) {
            directories.remove(key);
        }
        return first;
    }

    private Path changed(Directory directory, WatchEvent<?> event) {
        if (event.kind() == OVERFLOW) {
            return directory.root(); // too many changes to list: something changed
        }
        Path name = (Path) event.context();
        if (directory.onlyFile() != null) {
            return name.equals(directory.onlyFile()) ? directory.root() : null;
        }
        Path path = directory.path().resolve(name);
        if (rules.ignores(directory.root().relativize(path))) {
            return null;
        }
        if (event.kind() == ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                registerTree(directory.root(), path);
            } catch (IOException gone) {
                // removed again already: nothing to watch
            }
        }
        return path.normalize(); // with --watch . the change is src/app.js, not ./src/app.js
    }

    private void registerTree(Path root, Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!directory.equals(root) && rules.ignores(root.relativize(directory))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                register(new Directory(directory, root, null));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable: nothing to watch there
            }
        });
    }

    private void register(Directory directory) throws IOException {
        WatchKey key = directory.path().register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        directories.computeIfAbsent(key, same -> ConcurrentHashMap.newKeySet()).add(directory);
    }
}
