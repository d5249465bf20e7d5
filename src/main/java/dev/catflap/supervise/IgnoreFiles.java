package dev.catflap.supervise;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The ignore files in force under one watched directory. In a git repository (the watched
 * directory or one above it has a {@code .git}), git's: a {@code .gitignore} in each directory from
 * the repository's top down to the changed file's, then {@code .git/info/exclude}; beside each
 * .gitignore, an {@code .ignore} (ripgrep's and watchexec's file, in the same syntax), whose
 * patterns come after that directory's .gitignore. Outside a repository, only the .ignore files,
 * from the watched directory down (git reads no .gitignore there either).
 *
 * <p>As in git, a deeper file's patterns come before a shallower one's, the last matching pattern
 * of a file decides, and nothing under an ignored directory can be kept again ({@code !}): git does
 * not even look inside. A name {@code .git} is never part of a repository's work tree.
 *
 * <p>The watched directory itself counts whatever the files say of it or of a directory above it:
 * the user named it ({@code --watch build} with {@code build/} in .gitignore), as ripgrep searches
 * a path it is given. The files' patterns still decide for what is below it.
 *
 * <p>A directory's files are read when the watcher first meets the directory, and again after a
 * change to one of them that the watcher sees (one inside a watched tree): {@link #changed}.
 */
final class IgnoreFiles {
    static final String GITIGNORE = ".gitignore";
    static final String IGNORE = ".ignore";

    private final Path top;
    /** The watched directory, at or below {@link #top}. */
    private final Path watched;
    private final boolean repository;
    private IgnoreList exclude = IgnoreList.EMPTY;
    private final IgnoreFileReader reader;
    private final Consumer<String> warn;
    /** Each directory's lists (its .gitignore, then its .ignore), by absolute path. */
    private final Map<Path, List<IgnoreList>> directories = new ConcurrentHashMap<>();
    private final Set<Path> read = Collections.synchronizedSet(new LinkedHashSet<>());
    /** What {@link #ignoredDirectory} found, by path relative to the top; forgotten when a file changes. */
    private final Map<Path, Boolean> ignoredDirectories = new ConcurrentHashMap<>();

    private IgnoreFiles(Path top, Path watched, boolean repository, IgnoreFileReader reader, Consumer<String> warn) {
        this.top = top;
        this.watched = watched;
        this.repository = repository;
        this.reader = reader;
        this.warn = warn;
    }

    /** The ignore files for {@code watched}, an absolute, normalized directory. */
    static IgnoreFiles find(Path watched, IgnoreFileReader reader, Consumer<String> warn) {
        for (Path directory = watched; directory != null; directory = directory.getParent()) {
            Path dotGit = directory.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return inRepository(directory, watched, dotGit, reader, warn);
            }
            if (Files.isRegularFile(dotGit)) {
                // A linked worktree or a submodule: "gitdir: PATH", relative to the .git file's directory.
                Optional<Path> gitDir = reader.read(dotGit, false, warn).flatMap(IgnoreFiles::gitDir).map(directory::resolve);
                if (gitDir.isPresent()) {
                    return inRepository(directory, watched, gitDir.get(), reader, warn);
                }
            }
        }
        return new IgnoreFiles(watched, watched, false, reader, warn);
    }

    private static IgnoreFiles inRepository(Path top, Path watched, Path gitDir, IgnoreFileReader reader, Consumer<String> warn) {
        // A linked worktree's git directory names the repository's own ("commondir"), which holds info/.
        Path common = reader.read(gitDir.resolve("commondir"), false, ignored -> { })
                .map(bytes -> gitDir.resolve(firstLine(bytes)).normalize()).orElse(gitDir);
        IgnoreFiles files = new IgnoreFiles(top, watched, true, reader, warn);
        files.exclude = files.list(common.resolve("info/exclude"), false);
        // The files from the top down to the watched directory, in git's order: read now, as the
        // watched directory counts without asking them (see above), they would come in any order.
        Path directory = top;
        files.readIn(directory);
        for (Path name : top.relativize(watched)) {
            if (!name.toString().isEmpty()) {
                directory = directory.resolve(name);
                if (!Files.isDirectory(directory)) {
                    break; // a watch path not there yet: its files are read when first asked, once it is
                }
                files.readIn(directory);
            }
        }
        return files;
    }

    private static Optional<Path> gitDir(byte[] dotGitFile) {
        String line = firstLine(dotGitFile);
        return line.startsWith("gitdir: ") ? Optional.of(Path.of(line.substring("gitdir: ".length()))) : Optional.empty();
    }

    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** Whether the files ignore {@code path} (absolute, normalized, at or below the watched directory). */
    boolean ignores(Path path, boolean directory) {
        if (!path.startsWith(top) || path.equals(top)) {
            return false;
        }
        Path relative = top.relativize(path);
        if (repository && relative.getFileName().toString().equals(".git")) {
            return true;
        }
        Path parent = relative.getParent();
        return parent != null && ignoredDirectory(parent) || decide(relative, directory);
    }

    /**
     * Whether the directory at {@code relative} is ignored, by itself or as under an ignored one
     * (git does not look inside those): top down, each directory's answer kept, as the watcher asks
     * about every directory of the tree and then about each change in them.
     */
    private boolean ignoredDirectory(Path relative) {
        Boolean known = ignoredDirectories.get(relative);
        if (known != null) {
            return known;
        }
        if (watched.startsWith(top.resolve(relative))) {
            return false; // the watched directory, or one above it: named, so not left out
        }
        Path parent = relative.getParent();
        boolean ignored = repository && relative.getFileName().toString().equals(".git")
                || parent != null && ignoredDirectory(parent) || decide(relative, true);
        ignoredDirectories.put(relative, ignored);
        return ignored;
    }

    /** Deepest file first; in each, the last matching pattern; then info/exclude. */
    private boolean decide(Path relative, boolean directory) {
        for (Path directoryPath = relative.getParent(); ; directoryPath = directoryPath.getParent()) {
            Path below = directoryPath == null ? relative : directoryPath.relativize(relative);
            List<IgnoreList> lists = directories.computeIfAbsent(
                    directoryPath == null ? top : top.resolve(directoryPath), this::read);
            for (int i = lists.size() - 1; i >= 0; i--) {
                Optional<Boolean> decision = lists.get(i).decide(slashed(below), directory);
                if (decision.isPresent()) {
                    return decision.get();
                }
            }
            if (directoryPath == null) {
                return exclude.decide(slashed(relative), directory).orElse(false);
            }
        }
    }

    /** A relative path as patterns see it: names separated by '/', as bytes ({@link IgnorePattern#bytes}). */
    private static String slashed(Path relative) {
        return IgnorePattern.bytes(relative.toString());
    }

    private List<IgnoreList> read(Path directory) {
        List<IgnoreList> lists = new ArrayList<>(2);
        if (repository) {
            lists.add(list(directory.resolve(GITIGNORE), true));
        }
        lists.add(list(directory.resolve(IGNORE), true));
        return lists;
    }

    private IgnoreList list(Path file, boolean inWorkTree) {
        IgnoreList list = reader.read(file, inWorkTree, warn).map(IgnoreList::of).orElse(IgnoreList.EMPTY);
        if (!list.isEmpty()) {
            read.add(file); // in force: git init's info/exclude, all comments, is not
        }
        return list;
    }

    /** Reads {@code directory}'s files now (for {@code --show-config}, which lists them). */
    void readIn(Path directory) {
        directories.computeIfAbsent(directory, this::read);
    }

    /** {@code file} (a .gitignore or .ignore) changed: its directory's files are read again when next needed. */
    void changed(Path file) {
        if (directories.remove(file.getParent()) != null) {
            read.remove(file);
            ignoredDirectories.clear();
        }
    }

    /** The files read that have patterns: those in force. */
    List<Path> inForce() {
        synchronized (read) {
            return List.copyOf(read);
        }
    }
}
