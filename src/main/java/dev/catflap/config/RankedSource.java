package dev.catflap.config;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.ConfigValueConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One of catflap's sources of settings, known by the name errors use for it ("flags", "defaults"
 * or a file's path), at the rank catflap gives it, whatever it holds.
 *
 * <p>SmallRye's own sources (and MicroProfile's default {@link ConfigSource#getOrdinal()}) take
 * the rank from the source's own {@code config_ordinal} key: a cloned repository's project file
 * could then outrank the user's options. So the rank here is fixed, and the source holds only
 * the keys of catflap's settings: any other key (config_ordinal, smallrye.config.*, a profile's
 * {@code %dev.} key, quarkus.*) is no setting of catflap's and never reaches SmallRye, where it
 * could change how the others are read; the file's reader warns of it as unknown.
 *
 * <p>A file's source also knows the line each value is on: the values it gives SmallRye carry it
 * ({@link ConfigValue#getLineNumber()}), so that every message about a value can name its line.
 */
final class RankedSource implements ConfigValueConfigSource {
    /** SmallRye's line number for a value that is on no line. */
    static final int NO_LINE = -1;
    private final String name;
    private final Map<String, String> settings;
    private final Map<String, ConfigValue> values;
    /** The elements of each list setting it sets, where known as elements: {@link ListValue} takes them as they are. */
    private final Map<String, List<String>> lists;
    private final int rank;

    RankedSource(String name, Map<String, String> properties, int rank) {
        this(name, properties, Map.of(), Map.of(), rank);
    }

    /**
     * @param lists the elements of list settings, by key: a repeated option's values, a file's
     *     elements as split once (and resolved, see {@link FilePaths}); a key only here gets its
     *     text (for {@code --show-config} and messages alone) from them
     * @param lines the line of each key's value, where they come from a file
     */
    RankedSource(String name, Map<String, String> properties, Map<String, List<String>> lists, Map<String, Integer> lines,
            int rank) {
        this.name = name;
        this.rank = rank;
        Map<String, String> written = new HashMap<>(properties);
        lists.forEach((key, elements) -> written.putIfAbsent(key, ListSyntax.text(elements)));
        Map<String, String> settings = new TreeMap<>();
        Map<String, ConfigValue> values = new HashMap<>();
        Map<String, List<String>> known = new HashMap<>();
        written.forEach((key, value) -> {
            if (Setting.forKey(key).isPresent()) {
                Optional.ofNullable(lists.get(key)).ifPresent(elements -> known.put(key, List.copyOf(elements)));
                settings.put(key, value);
                values.put(key, ConfigValue.builder().withName(key).withValue(value).withRawValue(value)
                        .withConfigSourceName(name).withConfigSourceOrdinal(rank)
                        .withLineNumber(lines.getOrDefault(key, NO_LINE)).build());
            }
        });
        this.settings = Map.copyOf(settings);
        this.values = Map.copyOf(values);
        this.lists = Map.copyOf(known);
    }

    /** The elements of the list {@code key}, empty ones included, where this source has them as elements. */
    Optional<List<String>> elements(String key) {
        return Optional.ofNullable(lists.get(key));
    }

    @Override
    public ConfigValue getConfigValue(String key) {
        return values.get(key);
    }

    @Override
    public Map<String, ConfigValue> getConfigValueProperties() {
        return values;
    }

    @Override
    public Map<String, String> getProperties() {
        return settings;
    }

    @Override
    public Set<String> getPropertyNames() {
        return settings.keySet();
    }

    @Override
    public String getValue(String key) {
        return settings.get(key);
    }

    @Override
    public String getName() {
        return name;
    }

    /** catflap's rank for this source, never one read from it. */
    @Override
    public int getOrdinal() {
        return rank;
    }
}
