package dev.catflap.supervise;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which changes under a watched path do not restart the command: what catflap's built-in list
 * names ({@link #BUILT_IN}: version control, build output, and what editors and language runtimes
 * write beside the sources), what the repository's ignore files say ({@link IgnoreFiles}), and
 * whatever an --ignore glob matches. A glob without a slash matches a file or directory name at
 * any depth ({@code *.log}, {@code tmp}); one with a slash matches the path relative to the
 * watched path ({@code docs/build}, {@code gen/**}). Matching a directory ignores everything under
 * it.
 */
final class IgnoreRules {
    /**
     * The built-in list, in gitignore's syntax, each a name at any depth. Only what these programs
     * really write beside the file being edited: Vim's swap files ({@code .app.py.swp}, then
     * .swo, .swn, ... and .swx), the file it makes to see whether it may write in the directory
     * ({@code 4913}) and its backups ({@code app.py~}, as Emacs's); Emacs's lock links ({@code .#app.py})
     * and auto-save files ({@code #app.py#}); the JetBrains IDEs' "safe write" files; VS Code's
     * atomic-write file ({@code .vsctmp}); Kate's swap files; GLib's (gedit's) save files; Python's
     * bytecode.
     */
    static final List<String> BUILT_IN = List.of(".git", "target", "node_modules", "__pycache__", "*.py[co]",
            ".*.sw?", "*.swp", "4913", "*~", ".#*", "\\#*#", "*___jb_tmp___", "*___jb_old___", "*.vsctmp",
            ".*.kate-swp", ".goutputstream-*");

    private final IgnoreList builtIn;
    /** The --ignore globs, as the settings' parser compiled them. */
    private final List<IgnoreGlob> names = new ArrayList<>();
    private final List<IgnoreGlob> paths = new ArrayList<>();
    /** The ignore files under each watched directory, by its path as given. */
    private final Map<Path, IgnoreFiles> files;

    /** The built-in list and {@code globs}; no ignore files. */
    IgnoreRules(List<IgnoreGlob> globs) {
        this(globs, true, Map.of());
    }

    private IgnoreRules(List<IgnoreGlob> globs, boolean builtIn, Map<Path, IgnoreFiles> files) {
        this.builtIn = builtIn ? IgnoreList.of(String.join("\n", BUILT_IN)) : IgnoreList.EMPTY;
        this.files = files;
        for (IgnoreGlob glob : globs) {
            (glob.matchesPaths() ? paths : names).add(glob);
        }
    }

    /**
     * The rules for {@code roots} as {@code ignores} says; {@code warn} is told of an ignore file
     * that is there but not read.
     */
    static IgnoreRules of(List<Path> roots, Ignores ignores, Consumer<String> warn) {
        Map<Path, IgnoreFiles> files = new LinkedHashMap<>();
        if (ignores.files()) {
            for (Path root : roots) {
                if (Files.isDirectory(root) || !Files.exists(root)) { // one that does not exist yet may appear as a directory
                    files.put(root, IgnoreFiles.find(absolute(root), ignores.reader(), warn));
                }
            }
        }
        return new IgnoreRules(ignores.globs(), ignores.builtIn(), files);
    }

    /** {@link #ignores(Path, Path)} by the built-in list and the globs alone, which need no watched path. */
    boolean ignores(Path relative) {
        return ignores(Path.of(""), relative);
    }

    /** True when a change at {@code relative} (to the watched path {@code root}) is to be ignored. */
    boolean ignores(Path root, Path relative) {
        for (int i = 0; i < relative.getNameCount(); i++) {
            Path name = relative.getName(i);
            if (builtIn.decide(IgnorePattern.bytes(name.toString()), true).orElse(false) || matchesAny(names, name)
                    || matchesAny(paths, relative.subpath(0, i + 1))) {
                return true;
            }
        }
        IgnoreFiles under = files.get(root);
        if (under == null || relative.toString().isEmpty()) {
            return false;
        }
        Path path = absolute(root).resolve(relative);
        String name = path.getFileName().toString();
        if (name.equals(IgnoreFiles.GITIGNORE) || name.equals(IgnoreFiles.IGNORE)) {
            under.changed(path); // the rules change with it (an ignore file itself is ignored only if listed)
        }
        return under.ignores(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** Reads the ignore files of {@code directory}, under the watched path {@code root}, now. */
    void readIn(Path root, Path directory) {
        IgnoreFiles under = files.get(root);
        if (under != null) {
            under.readIn(absolute(directory));
        }
    }

    /** The ignore files read, which exist: those in force. */
    List<Path> filesInForce() {
        Set<Path> all = new LinkedHashSet<>();
        files.values().forEach(under -> all.addAll(under.inForce()));
        return List.copyOf(all);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static boolean matchesAny(List<IgnoreGlob> globs, Path path) {
        for (IgnoreGlob glob : globs) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
