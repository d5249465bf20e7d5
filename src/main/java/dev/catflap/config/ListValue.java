package dev.catflap.config;

import dev.catflap.CatflapException;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.ConfigValueConfigSource;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

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
 * an option's or a variable's resolve against the working directory.
 */
final class ListValue {
    /**
     * One source's part of the list: the elements it adds that nothing above cleared.
     *
     * @param written the source's whole value, as it wrote it, and which source it is
     */
    record Part(ConfigValue written, List<String> elements) {
        Part {
            elements = List.copyOf(elements);
        }

        /** The part alone as a list value. */
        String text() {
            return ListSyntax.text(elements);
        }
    }

    private final Setting<?> setting;
    private final List<Part> parts;
    /** The highest source that sets the list at all, if any: the one that cleared it when no part is left. */
    private final ConfigValue highest;

    private ListValue(Setting<?> setting, List<Part> parts, ConfigValue highest) {
        this.setting = setting;
        this.parts = List.copyOf(parts);
        this.highest = highest;
    }

    /** The list {@code setting} gets from {@code sources}, in any order: their ranks order them. */
    static ListValue of(Setting<?> setting, Iterable<ConfigSource> sources) {
        List<ConfigSource> lowestFirst = new ArrayList<>();
        sources.forEach(lowestFirst::add);
        // Not Comparator.comparingInt, whose lambda is serializable: the start-up archive keeps no
        // such lambda, and it was generated anew at every start.
        lowestFirst.sort((a, b) -> Integer.compare(a.getOrdinal(), b.getOrdinal()));
        List<Part> parts = new ArrayList<>();
        ConfigValue highest = null;
        for (ConfigSource source : lowestFirst) {
            String text = source.getValue(setting.key());
            if (text == null) {
                continue;
            }
            // A file's value keeps its line, for messages that name it (FILE:LINE).
            int line = source instanceof ConfigValueConfigSource withLines
                    ? withLines.getConfigValue(setting.key()).getLineNumber() : -1;
            highest = ConfigValue.builder().withName(setting.key()).withValue(text).withRawValue(text)
                    .withConfigSourceName(source.getName()).withConfigSourceOrdinal(source.getOrdinal())
                    .withLineNumber(line).build();
            List<String> added = new ArrayList<>();
            List<String> elements = written(setting, highest);
            refuseStrayEmpty(setting, highest, elements);
            for (String element : elements) {
                if (element.isEmpty()) {
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
        return new ListValue(setting, parts, highest);
    }

    /** A source's elements as it wrote them; one that is no list (an unfinished quote, a {@code #} word) is an error naming it. */
    private static List<String> written(Setting<?> setting, ConfigValue value) {
        try {
            return ListSyntax.writtenElements(value.getValue());
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(Configuration.origin(setting, value) + ": " + e.getMessage());
        }
    }

    /**
     * In a file or a variable, only an empty value or a comma at the start clears the lower
     * sources' lists: an empty element further on ({@code src,} or {@code a,,b}) is a comma too
     * many far more often than a wish to drop what comes before it in the same line, so it is
     * refused rather than read as one. Options are different: each is one element, in the order
     * typed, and {@code --watch lib --watch ''} says what it does.
     */
    private static void refuseStrayEmpty(Setting<?> setting, ConfigValue value, List<String> elements) {
        if (Configuration.FLAGS.equals(value.getSourceName())) {
            return;
        }
        for (int i = 1; i < elements.size(); i++) {
            if (elements.get(i).isEmpty()) {
                throw CatflapException.usage(Configuration.origin(setting, value) + ": an empty element after "
                        + elements.get(i - 1) + " (a comma too many?); only an empty value or a comma at the start "
                        + "clears what lower sources give");
            }
        }
    }

    /** The sources' parts that make up the list, lowest rank first; none where it is unset or cleared. */
    List<Part> parts() {
        return parts;
    }

    /**
     * The list as one value, for what asks of a setting's value as of a scalar's: its text is
     * every element; its source the highest that adds one, or the one that cleared them all (then
     * the text is empty, which unsets); no text where no source sets the list.
     */
    ConfigValue value() {
        if (highest == null) {
            return ConfigValue.builder().withName(setting.key()).build();
        }
        ConfigValue source = parts.isEmpty() ? highest : parts.get(parts.size() - 1).written();
        String text = ListSyntax.text(parts.stream().flatMap(part -> part.elements().stream()).toList());
        return source.from().withValue(text).withRawValue(text).build();
    }

    /**
     * How the user wrote the list, source by source, e.g. {@code catflap.ignore=*.log (FILE:3) + --ignore *.tmp};
     * one source alone as {@link Configuration#origin} names it at the start of a message ({@code FILE:3: catflap.ignore=*.log}).
     */
    String origin() {
        if (parts.isEmpty()) {
            return Configuration.origin(setting, value());
        }
        return parts.size() == 1 ? Configuration.origin(setting, parts.get(0).written()) : mention();
    }

    /** {@link #origin} for the middle of a sentence, as {@link Configuration#mention} names a value there. */
    String mention() {
        if (parts.isEmpty()) {
            return Configuration.mention(setting, value());
        }
        return String.join(" + ", parts.stream().map(part -> Configuration.mention(setting, part.written())).toList());
    }
}
