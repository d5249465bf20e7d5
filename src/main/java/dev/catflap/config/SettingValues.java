package dev.catflap.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting's value as written, with where it came from: a scalar's from the highest source
 * that sets it; a list's from all of them ({@link ListValue}). Whatever asks where a value came
 * from asks here, so that lists and scalars are told apart in one place.
 */
final class SettingValues {
    /** Highest rank first. */
    private final List<RankedSource> sources;
    private final Map<Setting<?>, ListValue> lists = new LinkedHashMap<>();

    /** @param sources catflap's sources, in any order: their origins rank them */
    SettingValues(List<RankedSource> sources) {
        this.sources = sources.stream().sorted((one, other) -> Origin.byRank(other.origin(), one.origin())).toList();
        for (Setting<?> setting : Setting.values()) {
            if (setting.isList()) {
                lists.put(setting, ListValue.of(setting, this.sources));
            }
        }
    }

    /** The value of {@code setting}; for a list every element, from the highest source that adds one (see {@link ListValue#value()}). */
    WrittenValue value(Setting<?> setting) {
        if (setting.isList()) {
            return lists.get(setting).value();
        }
        for (RankedSource source : sources) {
            Optional<WrittenValue> value = source.value(setting);
            if (value.isPresent()) {
                return value.get();
            }
        }
        return WrittenValue.none();
    }

    /**
     * The value the highest source ranking below {@code origin} writes for the scalar
     * {@code setting}, if any: the one a value from {@code origin} replaced (or unset).
     */
    Optional<WrittenValue> below(Setting<?> setting, Origin origin) {
        for (RankedSource source : sources) {
            Optional<WrittenValue> value = source.origin().ranksAtLeast(origin) ? Optional.empty() : source.value(setting);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The list's parts, source by source; empty for a scalar. */
    Optional<ListValue> list(Setting<?> setting) {
        return Optional.ofNullable(lists.get(setting));
    }

    /** How the user wrote the value where it came from, for the head of a message; a list's source by source. */
    String origin(Setting<?> setting) {
        return setting.isList() ? lists.get(setting).origin() : value(setting).atStart(setting);
    }

    /** {@link #origin} for the middle of a sentence ({@link Origin#inSentence}). */
    String mention(Setting<?> setting) {
        return setting.isList() ? lists.get(setting).mention() : value(setting).inSentence(setting);
    }
}
