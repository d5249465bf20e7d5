package dev.catflap.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One of catflap's sources of settings, with its {@link Origin}, decided where the source is made,
 * whatever it holds: every value it gives carries that origin, and so its rank.
 *
 * <p>SmallRye's own sources (and MicroProfile's {@code ConfigSource#getOrdinal()}) take the rank
 * from the source's own {@code config_ordinal} key: a cloned repository's project file could then
 * outrank the user's options. Here nothing is read from a source but the value of a setting's
 * key: a file's {@code config_ordinal}, {@code smallrye.config.*} or a profile's {@code %dev.} key
 * is no setting of catflap's, and never changes how the others are read; the file's reader warns
 * of it as unknown.
 */
final class RankedSource {
    private final Origin origin;
    /** A key's value as the source wrote it, or null. */
    private final UnaryOperator<String> values;
    /** The elements of each list setting it sets, where known as elements: {@link ListValue} takes them as they are. */
    private final Map<String, List<String>> lists;
    private final Map<String, Integer> lines;

    private RankedSource(Origin origin, UnaryOperator<String> values, Map<String, List<String>> lists, Map<String, Integer> lines) {
        this.origin = origin;
        this.values = values;
        this.lists = Map.copyOf(lists);
        this.lines = Map.copyOf(lines);
    }

    /** The defaults: by key, on no line. */
    static RankedSource of(Origin origin, Map<String, String> properties) {
        return of(origin, properties, Map.of(), Map.of());
    }

    /**
     * @param lists the elements of list settings, by key: a repeated option's values, a file's
     *     elements as split once (and resolved, see {@link FilePaths}); a key only here gets its
     *     text (for {@code --show-config} and messages alone) from them
     * @param lines the line of each key's value, where they come from a file
     */
    static RankedSource of(Origin origin, Map<String, String> properties, Map<String, List<String>> lists, Map<String, Integer> lines) {
        Map<String, String> values = new HashMap<>(properties);
        Map<String, List<String>> elements = new HashMap<>();
        lists.forEach((key, given) -> {
            values.putIfAbsent(key, ListSyntax.text(given)); // only ever shown, never split again
            elements.put(key, List.copyOf(given));
        });
        return new RankedSource(origin, values::get, elements, lines);
    }

    /** The {@code CATFLAP_*} variables, by key: each read under its exact name alone (see {@link Setting#forVariable}). */
    static RankedSource variables(Map<String, String> variables) {
        return new RankedSource(Origin.variable(), Map.copyOf(variables)::get, Map.of(), Map.of());
    }

    Origin origin() {
        return origin;
    }

    /** The value this source writes for {@code setting}, if any, with its origin, line and (for a list given as elements) elements. */
    Optional<WrittenValue> value(Setting<?> setting) {
        String text = values.apply(setting.key());
        return text == null ? Optional.empty()
                : Optional.of(new WrittenValue(text, origin, lines.getOrDefault(setting.key(), WrittenValue.NO_LINE),
                        lists.get(setting.key())));
    }
}
