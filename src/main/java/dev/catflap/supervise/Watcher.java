package dev.catflap.supervise;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.catflap.CatflapException;
import dev.catflap.supervise.Event.Changed;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells when files under the watched paths change. Every directory below a watched path is
 * watched (inotify, through Java's WatchService), except the ignored ones; a watched file is
 * watched through its directory. A burst of changes is reported once, when no further change has
 * come for a quiet period (--debounce): saving in an editor or running a build writes several
 * files, and one restart is enough. It is named by the file saved ({@link Burst}).
 *
 * <p>Symbolic links to directories are watched through ({@code src -> ../shared/src}), each real
 * directory once per watched path, and never a link to a directory the tree is in ({@code loop ->
 * ..}): that would loop, or widen the watch to everything around the tree. A watched path's own
 * entry is watched in its parent too, so that one removed and made again ({@code rm -rf dist &&
 * mkdir dist}, as bundlers do) is watched again.
 *
 * <p>A watched path that does not exist yet (a gitignored build/ on a fresh clone) is watched for:
 * the nearest directory above it that exists is watched for the next name on the way down, then
 * that one, until the path itself appears, which counts as a change (what was written in it before
 * its own watch began would otherwise be missed); from then on it is watched as if it had been there.
 * A link on the way whose target does not exist ({@code build -> /tmp/build}) is followed: its
 * target is watched for, as the path it makes appear.
 */
final class Watcher implements ChangeSource {
    /** The links followed on the way to a path that does not exist yet: as the kernel's own limit (ELOOP). */
    private static final int MAX_LINKS = 40;
    private final List<Path> roots;
    private final Ignores ignores;
    private final Duration quiet;
    private final Consumer<String> notices;
    /** Made by {@link #start}, where the watch begins. */
    private WatchService service;
    private IgnoreRules rules;
    /**
     * What each key watches. The WatchService gives one key per directory, so a directory watched
     * for several reasons (two files in it, or a file and the tree it is in) has several entries.
     */
    private final Map<WatchKey, Set<Directory>> directories = new ConcurrentHashMap<>();

    /**
     * A watched directory: its path as the user would write it (the watched path, then the way
     * down), the watched path it is under, and, where only one entry of it counts (a watched
     * file, or the watched path in its parent, or the next directory on the way to a watched path
     * that does not exist yet), that entry's name.
     */
    private record Directory(Path path, Path root, Path onlyFile) {
        /** Whether the entry is a directory above the watched path, not the path itself. */
        boolean onTheWay() {
            return onlyFile != null && !absolute(path.resolve(onlyFile)).equals(absolute(root));
        }
    }

    /**
     * Watches nothing yet: {@link #start} reads the ignore files and begins the watch.
     *
     * @param ignores what changes do not count (see {@link IgnoreRules})
     * @param notices told of each path that does not exist yet, and is watched for, and of ignore files' problems
     */
    Watcher(List<Path> roots, Ignores ignores, Duration quiet, Consumer<String> notices) {
        this.roots = roots;
        this.ignores = ignores;
        this.quiet = quiet;
        this.notices = notices;
    }

    /**
     * Watches the paths, then reports each burst of changes to {@code onChange}, from a thread of its own.
     *
     * @throws CatflapException when a path cannot be watched
     */
    @Override
    public void start(Consumer<Changed> onChange) {
        rules = IgnoreRules.of(roots, ignores, notices);
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw CatflapException.failure("cannot watch files: " + e.getMessage());
        }
        try {
            watchRoots();
        } catch (RuntimeException e) {
            close(); // catflap ends on it: the watches made so far go with the service
            throw e;
        }
        Thread thread = new Thread(() -> report(onChange), "catflap-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watchRoots() {
        for (Path root : roots) {
            try {
                if (Files.exists(root)) {
                    registerExisting(root);
                } else {
                    notices.accept(root + " does not exist yet; watching for " + awaited(root) + " to appear");
                    watchTowards(root);
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

    private void report(Consumer<Changed> onChange) {
        try {
            while (true) {
                Burst burst = new Burst();
                changesIn(service.take(), burst);
                if (!burst.isEmpty()) {
                    awaitQuiet(burst);
                    onChange.accept(burst.changed());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: watching is over
        }
    }

    /**
     * Waits until no change that counts has come for the quiet period, adding those that come
     * meanwhile to {@code burst}. Changes that do not count (in the busy parent of a watched path,
     * such as /tmp) do not prolong the wait.
     */
    private void awaitQuiet(Burst burst) throws InterruptedException {
        long quietUntil = System.nanoTime() + quiet.toNanos();
        long left;
        while ((left = quietUntil - System.nanoTime()) > 0) {
            WatchKey more = service.poll(left, TimeUnit.NANOSECONDS);
            if (more != null && changesIn(more, burst)) {
                quietUntil = System.nanoTime() + quiet.toNanos();
            }
        }
    }

    /**
     * The changes of one burst, in the order they came. The one to name is the last file written
     * or moved into place that still exists: saving writes the saved file last under its final
     * name, whatever the editor made on the way (Vim's 4913 probe and app.py~ backup, JetBrains'
     * app.py___jb_tmp___ renamed to app.py, Python's .pyc.NNN renamed to .pyc), and those others
     * are gone by the end of the burst. Where nothing written is left (only removals), the last
     * change is named.
     */
    private static final class Burst {
        private final Set<Path> all = new LinkedHashSet<>();
        /** Written or moved here, the latest last. */
        private final Set<Path> written = new LinkedHashSet<>();
        private Path last;

        void add(Path path, WatchEvent.Kind<?> kind) {
            all.add(path);
            last = path;
            if (kind == ENTRY_CREATE || kind == ENTRY_MODIFY) {
                written.remove(path);
                written.add(path);
            }
        }

        boolean isEmpty() {
            return all.isEmpty();
        }

        Changed changed() {
            List<Path> candidates = new ArrayList<>(written);
            for (int i = candidates.size() - 1; i >= 0; i--) {
                if (Files.exists(candidates.get(i), LinkOption.NOFOLLOW_LINKS)) {
                    return new Changed(candidates.get(i), all);
                }
            }
            return new Changed(last, all);
        }
    }

    /** Stops watching (in dev mode, the JVM lives on after catflap's run). */
    @Override
    public void close() {
        if (service == null) {
            return; // never started
        }
        try {
            service.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** Adds the changes {@code key} reports that are not ignored to {@code burst}; whether there were any. */
    private boolean changesIn(WatchKey key, Burst burst) {
        Set<Directory> watched = directories.getOrDefault(key, Set.of());
        boolean any = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            for (Directory directory : watched) {
                Path changed = changed(directory, event);
                if (changed != null) {
                    burst.add(changed, event.kind());
                    any = true;
                }
            }
        }
        if (!key.reset()) {
            directories.remove(key);
        }
        return any;
    }

    private Path changed(Directory directory, WatchEvent<?> event) {
        if (event.kind() == OVERFLOW) {
            return directory.root(); // too many changes to list: something changed
        }
        Path name = (Path) event.context();
        if (directory.onlyFile() != null) {
            if (!name.equals(directory.onlyFile())) {
                return null;
            }
            if (directory.onTheWay()) {
                // a directory on the way made: only the watched path's own appearance counts
                return event.kind() == ENTRY_CREATE && watchTowardsIfThere(directory.root()) ? directory.root() : null;
            }
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(directory.root())) {
                registerTreeIfThere(directory.root(), directory.root()); // made again
            }
            return directory.root();
        }
        Path path = directory.path().resolve(name);
        if (rules.ignores(directory.root(), directory.root().relativize(path))) {
            return null;
        }
        if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
            registerTreeIfThere(directory.root(), path);
        }
        return path.normalize(); // with --watch . the change is src/app.js, not ./src/app.js
    }

    /** Watches a watched path that exists: a directory's tree and its entry in its parent, or a file through its directory. */
    private void registerExisting(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            registerTree(root, root);
            registerEntryOptionally(root);
        } else {
            register(new Directory(root.toAbsolutePath().getParent(), root, root.getFileName()));
        }
    }

    /**
     * Watches the nearest directory above {@code root} that exists for the next name on the way
     * down, or, when it is {@code root}'s own parent, for {@code root}'s entry, as a watched file's;
     * where that name appeared meanwhile, goes on down. True when {@code root} exists now, and is
     * watched as if it had been there from the start.
     */
    private boolean watchTowards(Path root) throws IOException {
        Optional<Path> missing = firstMissing(absolute(root), MAX_LINKS);
        if (missing.isEmpty()) {
            registerExisting(root);
            return true;
        }
        Path next = missing.get();
        register(new Directory(next.getParent(), root, next.getFileName()));
        // made between the look and the watch: its creation was not seen
        return Files.exists(next) && watchTowards(root);
    }

    /**
     * The first name on the way down to {@code path} that is missing, empty where {@code path}
     * exists. A link on the way whose target is missing ({@code vendor -> shared}, before
     * {@code shared} is made) is followed: it is its target's appearance that makes the path
     * exist, never a change to the link's own entry. Its parent exists (the way down, links
     * followed, is there up to it).
     *
     * @param links how many more dangling links may be followed (a loop of links ends there)
     */
    private static Optional<Path> firstMissing(Path path, int links) throws IOException {
        Path at = path.getRoot();
        for (int i = 0; i < path.getNameCount(); i++) {
            Path next = at.resolve(path.getName(i));
            if (!Files.exists(next)) {
                if (links > 0 && Files.isSymbolicLink(next)) {
                    Path target = linkTarget(next);
                    Path rest = i + 1 < path.getNameCount() ? path.subpath(i + 1, path.getNameCount()) : null;
                    return firstMissing(rest == null ? target : target.resolve(rest), links - 1);
                }
                return Optional.of(next);
            }
            at = next;
        }
        return Optional.empty();
    }

    /**
     * Where the kernel takes {@code link} to lead: its target read from where the link really is
     * (its parent may be reached through links: {@code app -> /srv/app}, {@code app/vendor ->
     * ../shared} leads to {@code /srv/shared}). Only the target's leading {@code ..} are taken
     * away, each from a real directory; one after a name stays, for that name may be a link
     * (normalize() would take it by the string).
     */
    private static Path linkTarget(Path link) throws IOException {
        Path target = Files.readSymbolicLink(link);
        Path at = target.isAbsolute() ? target.getRoot() : link.getParent().toRealPath();
        int i = 0;
        for (; i < target.getNameCount(); i++) {
            String name = target.getName(i).toString();
            if (name.equals("..")) {
                at = at.getParent() == null ? at : at.getParent();
            } else if (!name.equals(".")) {
                break;
            }
        }
        return i < target.getNameCount() ? at.resolve(target.subpath(i, target.getNameCount())) : at;
    }

    /** What the notice says is awaited: the path itself, or where a link on its way leads. */
    private static String awaited(Path root) {
        try {
            Optional<Path> missing = firstMissing(absolute(root), MAX_LINKS);
            return missing.isEmpty() || absolute(root).startsWith(missing.get()) ? "it"
                    : missing.get() + ", where a link on its way leads,";
        } catch (IOException e) {
            return "it";
        }
    }

    private boolean watchTowardsIfThere(Path root) {
        try {
            return watchTowards(root);
        } catch (IOException gone) {
            return false; // removed again already, or made a file: watched for again when its parent changes
        }
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private void registerTreeIfThere(Path root, Path top) {
        try {
            registerTree(root, top);
        } catch (IOException gone) {
            // removed again already: nothing to watch
        }
    }

    /**
     * Watches {@code root}'s entry in its parent, where the watched directory is made again after
     * its removal (its own watch ends with it). Optional: where the parent cannot be watched, only
     * that is missed.
     */
    private void registerEntryOptionally(Path root) {
        Path absolute = root.toAbsolutePath().normalize(); // "." is named in its parent by its own name
        if (absolute.getParent() != null) {
            try {
                register(new Directory(absolute.getParent(), root, absolute.getFileName()));
            } catch (IOException e) {
                // a parent catflap may not read: the tree itself is watched all the same
            }
        }
    }

    private void registerTree(Path root, Path top) throws IOException {
        Files.walkFileTree(top, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                boolean below = !directory.equals(root); // the watched path itself is watched whatever it is
                if (below && (rules.ignores(root, root.relativize(directory)) || isLinkToItsOwnTree(directory))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!register(new Directory(directory, root, null))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable: nothing to watch there
            }
        });
    }

    /**
     * A link to a directory that holds the link itself (its own directory or one above): following
     * it would walk the tree again, round and round, and everything around the tree (with a link
     * to /, the whole file system), of which the user asked for none.
     */
    private static boolean isLinkToItsOwnTree(Path directory) throws IOException {
        return Files.isSymbolicLink(directory)
                && directory.toAbsolutePath().getParent().toRealPath().startsWith(directory.toRealPath());
    }

    /**
     * Watches {@code directory}; false when it was watched already for the same reason, as where
     * two links lead to one directory (one real directory has one key, whatever path reached it).
     */
    private boolean register(Directory directory) throws IOException {
        WatchKey key = directory.path().register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Set<Directory> reasons = directories.computeIfAbsent(key, same -> ConcurrentHashMap.newKeySet());
        boolean already = reasons.stream().anyMatch(reason -> reason.root().equals(directory.root())
                && Objects.equals(reason.onlyFile(), directory.onlyFile()));
        return !already && reasons.add(directory);
    }
}
