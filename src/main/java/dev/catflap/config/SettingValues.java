package dev.catflap.config;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting's value as written, with where it came from: a scalar's from the highest source
 * that sets it, as SmallRye merges; a list's from all of them ({@link ListValue}), which SmallRye
 * does not do. Whatever asks where a value came from asks here, so that lists and scalars are told
 * apart in one place.
 */
final class SettingValues {
    private final SmallRyeConfig config;
    private final Map<Setting<?>, ListValue> lists = new LinkedHashMap<>();

    SettingValues(SmallRyeConfig config) {
        this.config = config;
        for (Setting<?> setting : Setting.values()) {
            if (setting.isList()) {
                lists.put(setting, ListValue.of(setting, config.getConfigSources()));
            }
        }
    }

    /** The value of {@code setting}; for a list every element, from the highest source that adds one (see {@link ListValue#value()}). */
    ConfigValue value(Setting<?> setting) {
        return setting.isList() ? lists.get(setting).value() : config.getConfigValue(setting.key());
    }

    /** The list's parts, source by source; empty for a scalar. */
    Optional<ListValue> list(Setting<?> setting) {
        return Optional.ofNullable(lists.get(setting));
    }

    /** How the user wrote the value where it came from; a list's source by source. */
    String origin(Setting<?> setting) {
        return setting.isList() ? lists.get(setting).origin() : Configuration.origin(setting, value(setting));
    }

    /** {@link #origin} for the middle of a sentence ({@link Configuration#mention}). */
    String mention(Setting<?> setting) {
        return setting.isList() ? lists.get(setting).mention() : Configuration.mention(setting, value(setting));
    }
}
