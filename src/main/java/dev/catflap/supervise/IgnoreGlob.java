package dev.catflap.supervise;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code --ignore} glob, compiled once: the settings' parser compiles it to check it, and the
 * matcher it made is the one {@link IgnoreRules} then matches with, not one compiled again from the
 * text. A glob without a slash matches a name at any depth, one with a slash a path under the
 * watched path. Two are equal when written alike.
 */
public final class IgnoreGlob {
    private final String text;
    private final PathMatcher matcher;

    /** {@code matcher} as the glob {@code text}: {@link #compile} makes the one, tests may give another. */
    IgnoreGlob(String text, PathMatcher matcher) {
        this.text = text;
        this.matcher = matcher;
    }

    /**
     * {@code text} compiled as the default file system's glob syntax.
     *
     * @throws PatternSyntaxException for a glob that is not valid
     */
    public static IgnoreGlob compile(String text) {
        return new IgnoreGlob(text, FileSystems.getDefault().getPathMatcher("glob:" + text));
    }

    /** Whether it matches paths under the watched path ({@code gen/**}) rather than names at any depth ({@code *.log}). */
    boolean matchesPaths() {
        return text.contains("/");
    }

    boolean matches(Path path) {
        return matcher.matches(path);
    }

    /** The glob as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IgnoreGlob glob && glob.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
