package dev.catflap.config;

import dev.catflap.CatflapException;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds catflap's settings from its sources, highest first: command-line flags, CATFLAP_*
 * environment variables, the built-in defaults. Every value is checked before it is used; a bad
 * one stops catflap with a message naming the key, the value and where it came from.
 */
@ApplicationScoped
public class Configuration {
    static final String FLAGS = "flags";
    static final String ENVIRONMENT = "environment";
    static final String DEFAULTS = "defaults";
    private static final int FLAGS_ORDINAL = 400;
    private static final int ENVIRONMENT_ORDINAL = 300;
    private static final int DEFAULTS_ORDINAL = 100;
    private static final String DEFAULTS_RESOURCE = "application.properties";

    /**
     * The effective settings.
     *
     * @param flags the settings given as options, by {@link Setting}, as the user typed them
     * @throws CatflapException (exit 2) for a value that is not valid
     */
    public CatflapConfig load(Map<Setting, String> flags) {
        // SmallRye checks a mapping while it builds, with messages that do not say where a value
        // came from: check every value first, on the same sources without the mapping.
        SmallRyeConfig unchecked = builder(flags).build();
        for (Setting setting : Setting.values()) {
            check(unchecked, setting);
        }
        return builder(flags).withMapping(CatflapConfig.class).build().getConfigMapping(CatflapConfig.class);
    }

    private SmallRyeConfigBuilder builder(Map<Setting, String> flags) {
        Map<String, String> flagProperties = new HashMap<>();
        flags.forEach((setting, value) -> flagProperties.put(setting.key(), value));
        return new SmallRyeConfigBuilder()
                .withSources(new NamedSource(FLAGS, flagProperties, FLAGS_ORDINAL))
                .withSources(new EnvConfigSource(System.getenv(), ENVIRONMENT_ORDINAL) {
                    @Override
                    public String getName() {
                        return ENVIRONMENT;
                    }
                })
                .withSources(new NamedSource(DEFAULTS, defaults(), DEFAULTS_ORDINAL))
                .withValidateUnknown(false);
    }

    private static void check(SmallRyeConfig config, Setting setting) {
        ConfigValue value = config.getConfigValue(setting.key());
        if (value.getValue() == null) {
            return;
        }
        try {
            setting.parse(value.getValue());
        } catch (IllegalArgumentException e) {
            throw CatflapException.usage(origin(setting, value) + ": " + e.getMessage());
        }
    }

    /** How the user would write this value where it came from, e.g. {@code CATFLAP_PORT=eighty}. */
    static String origin(Setting setting, ConfigValue value) {
        return switch (value.getSourceName()) {
            case FLAGS -> setting.option() + " " + value.getValue();
            case ENVIRONMENT -> setting.environmentVariable() + "=" + value.getValue();
            case DEFAULTS -> setting.key() + "=" + value.getValue() + " in the built-in defaults";
            default -> setting.key() + "=" + value.getValue() + " in " + value.getSourceName();
        };
    }

    private static Map<String, String> defaults() {
        Properties properties = new Properties();
        try (InputStream in = Configuration.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("catflap is missing its " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((key, value) -> {
            if (((String) key).startsWith(CatflapConfig.PREFIX + ".")) {
                map.put((String) key, (String) value);
            }
        });
        return map;
    }
}
