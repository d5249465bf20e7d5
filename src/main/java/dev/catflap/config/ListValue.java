package dev.catflap.config;

import dev.catflap.CatflapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list setting's value, made from every source that sets it, lowest rank first (as cargo joins
 * its configuration's arrays and git accumulates a multi-valued key): the team file's ignores and
 * {@code --ignore '*.tmp'} both count. An empty element clears the elements before it, git's rule
 * for {@code credential.helper}: {@code --watch '' --watch lib} replaces the files' paths,
 * {@code --watch ''} or {@code CATFLAP_WATCH=} alone leaves none. A scalar setting is not one of
 * these: its highest source replaces the others.
 *
 * <p>Each element stays as its source wrote it, so a relative path keeps the meaning its source
 * gave it: a file's were resolved against the file's directory as it was read ({@link FilePaths}),
 * an option's or a variable's resolve against the working directory. The elements go to the
 * setting's parser as they are ({@link #elements}): a repeated option's values are never joined
 * into text, nor is a file's or variable's value split more than once; the text of a part or of
 * the whole list is only shown.
 */
final class ListValue {
    /**
     * One source's part of the list: the elements it adds that nothing above cleared.
     *
     * @param written the source's whole value, as it wrote it, and which source it is
     */
    record Part(WrittenValue written, List<String> elements) {
        Part {
            elements = List.copyOf(elements);
        }

        /** The part alone as a list value, to be shown. */
        String text() {
            return ListSyntax.text(elements);
        }
    }

    private final Setting<?> setting;
    private final List<Part> parts;
    /** The highest source that sets the list at all, if any: the one that cleared it when no part is left. */
    private final WrittenValue highest;
    /** The highest source that cleared the list with an empty element, if any, and every part a clear took away. */
    private final WrittenValue clearedBy;
    private final List<Part> cleared;

    private ListValue(Setting<?> setting, List<Part> parts, WrittenValue highest, WrittenValue clearedBy, List<Part> cleared) {
        this.setting = setting;
        this.parts = List.copyOf(parts);
        this.highest = highest;
        this.clearedBy = clearedBy;
        this.cleared = List.copyOf(cleared);
    }

    /** The list {@code setting} gets from {@code sources}, in any order: their origins rank them. */
    static ListValue of(Setting<?> setting, List<RankedSource> sources) {
        List<RankedSource> lowestFirst = sources.stream().sorted((one, other) -> Origin.byRank(one.origin(), other.origin())).toList();
        List<Part> parts = new ArrayList<>();
        WrittenValue highest = null;
        WrittenValue clearedBy = null;
        // what the highest clear takes away: all that any clear did, as it would have taken that too
        List<Part> cleared = new ArrayList<>();
        for (RankedSource source : lowestFirst) {
            Optional<WrittenValue> value = source.value(setting);
            if (value.isEmpty()) {
                continue;
            }
            highest = value.get();
            // An option's values, and a file's elements (split as it was read), come as elements; a variable's as text.
            List<String> elements = highest.elements() != null ? highest.elements() : written(setting, highest);
            if (elements.isEmpty()) {
                elements = List.of(""); // a negation (--no-watch): an empty value, with no element typed
            }
            List<String> added = new ArrayList<>();
            refuseStrayEmpty(setting, highest, elements);
            for (String element : elements) {
                if (element.isEmpty()) {
                    clearedBy = highest;
                    cleared.addAll(parts);
                    parts.clear();
                    added.clear();
                } else {
                    added.add(element);
                }
            }
            if (!added.isEmpty()) {
                parts.add(new Part(highest, added));
            }
        }
        return new ListValue(setting, parts, highest, clearedBy, cleared);
    }

    /** A source's elements as it wrote them; one that is no list (an unfinished quote, a {@code #} word) is an error naming it. */
    private static List<String> written(Setting<?> setting, WrittenValue value) {
        try {
            return ListSyntax.writtenElements(setting, value.text());
        } catch (ShellWords.CommentWord e) {
            throw CatflapException.usage(value.atStart(setting) + ": " + ShellWords.COMMENT_START + "; "
                    + value.origin().commentHint(setting, e.quoted()));
        } catch (ShellWords.Unquoted e) {
            throw CatflapException.usage(value.atStart(setting) + ": " + e.messageFrom(value.origin()));
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(value.atStart(setting) + ": " + e.getMessage());
        }
    }

    /**
     * In a file or a variable, only an empty value or a comma at the start clears the lower
     * sources' lists: an empty element further on ({@code src,} or {@code a,,b}) is a comma too
     * many far more often than a wish to drop what comes before it in the same line, so it is
     * refused rather than read as one. Options are different: each is one element, in the order
     * typed, and {@code --watch lib --watch ''} says what it does.
     */
    private static void refuseStrayEmpty(Setting<?> setting, WrittenValue value, List<String> elements) {
        if (value.origin().is(Origin.Kind.OPTION)) {
            return;
        }
        for (int i = 1; i < elements.size(); i++) {
            if (elements.get(i).isEmpty()) {
                // named as written: a file's elements are resolved paths, its text is not (FilePaths)
                List<String> written = ListSyntax.writtenElements(value.text());
                throw CatflapException.usage(value.atStart(setting) + ": an empty element after "
                        + written.get(i - 1) + " (a comma too many?); only an empty value or a comma at the start "
                        + "clears what lower sources give");
            }
        }
    }

    /** The sources' parts that make up the list, lowest rank first; none where it is unset or cleared. */
    List<Part> parts() {
        return parts;
    }

    /** The highest source that cleared the list with an empty element, if one did. */
    Optional<WrittenValue> clearedBy() {
        return Optional.ofNullable(clearedBy);
    }

    /** The lower sources' parts that a clear took away, lowest first; none where nothing was cleared. */
    List<Part> cleared() {
        return cleared;
    }

    /** Every element of the list, lowest source's first, as the sources gave them: what the setting's parser takes. */
    List<String> elements() {
        return parts.stream().flatMap(part -> part.elements().stream()).toList();
    }

    /**
     * The list as one value, for what asks of a setting's value as of a scalar's: its text is
     * every element; its source the highest that adds one, or the one that cleared them all (then
     * the text is empty, which unsets); no text where no source sets the list.
     */
    WrittenValue value() {
        if (highest == null) {
            return WrittenValue.none();
        }
        if (parts.isEmpty()) {
            // cleared: the elements stay, so that it is named as typed (--watch '' is not --no-watch)
            return new WrittenValue("", highest.origin(), highest.line(), highest.elements());
        }
        return parts.get(parts.size() - 1).written().withText(ListSyntax.text(elements())); // only ever shown, never split again
    }

    /**
     * How the user wrote the list, source by source, e.g. {@code catflap.ignore=*.log (FILE:3) + --ignore *.tmp};
     * one source alone as {@link Origin#atStart} names it at the start of a message ({@code FILE:3: catflap.ignore=*.log}).
     */
    String origin() {
        if (parts.isEmpty()) {
            return value().atStart(setting);
        }
        return parts.size() == 1 ? parts.get(0).written().atStart(setting) : mention();
    }

    /** {@link #origin} for the middle of a sentence, as {@link Origin#inSentence} names a value there. */
    String mention() {
        if (parts.isEmpty()) {
            return value().inSentence(setting);
        }
        return String.join(" + ", parts.stream().map(part -> part.written().inSentence(setting)).toList());
    }
}
