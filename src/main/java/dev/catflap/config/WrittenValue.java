package dev.catflap.config;

import java.util.List;

/**
 * One source's value of a setting as it wrote it, with where: its {@link Origin}, and the line of
 * a file's value, so that every message about it can name the line.
 *
 * @param text the value as written; none ({@code null}) where no source sets the setting, empty
 *     where a source unset it
 * @param origin the source; {@link Origin.Kind#DEFAULT} where none sets it
 * @param line the file's line the value is on, or {@link #NO_LINE}
 * @param elements a list's elements as the source gave them, empty ones included (a repeated
 *     option's values as typed, a file's as split once), or null where it gave text (a variable)
 */
record WrittenValue(String text, Origin origin, int line, List<String> elements) {
    /** The line of a value that is on no line: an option's, a variable's, a default's. */
    static final int NO_LINE = -1;

    WrittenValue(String text, Origin origin, int line) {
        this(text, origin, line, null);
    }

    /** The value of a setting that no source sets, and that has no default. */
    static WrittenValue none() {
        return new WrittenValue(null, Origin.defaults(), NO_LINE);
    }

    /** Whether a source gives a value: one that is not empty (an empty value unsets, see {@link Configuration}). */
    boolean isSet() {
        return text != null && !text.isEmpty();
    }

    /** Whether a source unset the setting with an empty value, so that its default (or nothing) applies. */
    boolean unsets() {
        return text != null && text.isEmpty() && !origin.is(Origin.Kind.DEFAULT);
    }

    /** The same source's {@code other} text, on the same line (its elements no longer known). */
    WrittenValue withText(String other) {
        return new WrittenValue(other, origin, line);
    }

    /**
     * The text as the setting's parser takes it: a file's relative unit-dir or workdir resolved
     * against the file's directory ({@link FilePaths}); else the text as written.
     */
    String resolved(Setting<?> setting) {
        return text == null ? null : origin.file().map(file -> FilePaths.scalar(setting, text, file.getParent())).orElse(text);
    }

    /** {@link Origin#atStart}: the head of a message about this value. */
    String atStart(Setting<?> setting) {
        return origin.atStart(setting, this);
    }

    /** {@link Origin#inSentence}: this value in the middle of a message. */
    String inSentence(Setting<?> setting) {
        return origin.inSentence(setting, this);
    }
}
