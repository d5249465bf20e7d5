package dev.catflap.config;

import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;

/**
 * A source of settings known by the name errors use for it: "flags", "defaults" or a file's path.
 * (SmallRye's own PropertiesConfigSource decorates the name.)
 */
final class NamedSource extends MapBackedConfigSource {
    NamedSource(String name, Map<String, String> properties, int ordinal) {
        super(name, properties, ordinal);
    }
}
