package dev.catflap.supervise;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patterns of one ignore file (or of catflap's built-in list), in order: of those that match a
 * path, the last decides, ignoring it or, negated, keeping it.
 */
final class IgnoreList {
    static final IgnoreList EMPTY = new IgnoreList(List.of());

    private final List<IgnorePattern> patterns;

    private IgnoreList(List<IgnorePattern> patterns) {
        this.patterns = patterns;
    }

    /** The patterns of a file's bytes: one per line, a UTF-8 byte order mark at the start skipped, as git does. */
    static IgnoreList of(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1); // bytes as chars (IgnorePattern#bytes)
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3);
        }
        return of(text);
    }

    /** The patterns of text whose chars are bytes ({@link IgnorePattern#bytes}), one per line. */
    static IgnoreList of(String text) {
        List<IgnorePattern> patterns = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            IgnorePattern.parse(line).ifPresent(patterns::add);
        }
        return new IgnoreList(List.copyOf(patterns));
    }

    /**
     * What the last matching pattern says of {@code path} (relative to the file's directory, as
     * {@link IgnorePattern#bytes}): true ignored, false kept; empty when none matches.
     */
    Optional<Boolean> decide(String path, boolean directory) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            IgnorePattern pattern = patterns.get(i);
            if (pattern.matches(path, directory)) {
                return Optional.of(!pattern.negated());
            }
        }
        return Optional.empty();
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }
}
