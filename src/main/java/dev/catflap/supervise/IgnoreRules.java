package dev.catflap.supervise;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which changes under a watched path do not restart the command: anything in a directory named
 * .git, target or node_modules (version control and build output, which a build rewrites while the
 * command runs), and whatever an --ignore glob matches. A glob without a slash matches a file or
 * directory name at any depth ({@code *.log}, {@code tmp}); one with a slash matches the path
 * relative to the watched path ({@code docs/build}, {@code gen/**}). Matching a directory ignores
 * everything under it.
 */
final class IgnoreRules {
    private static final Set<String> DIRECTORIES = Set.of(".git", "target", "node_modules");

    private final List<PathMatcher> names = new ArrayList<>();
    private final List<PathMatcher> paths = new ArrayList<>();

    IgnoreRules(List<String> globs) {
        for (String glob : globs) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            (glob.contains("/") ? paths : names).add(matcher);
        }
    }

    /** True when a change at {@code relative} (to its watched path) is to be ignored. */
    boolean ignores(Path relative) {
        for (int i = 0; i < relative.getNameCount(); i++) {
            Path name = relative.getName(i);
            if (DIRECTORIES.contains(name.toString()) || matchesAny(names, name)
                    || matchesAny(paths, relative.subpath(0, i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<PathMatcher> matchers, Path path) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
