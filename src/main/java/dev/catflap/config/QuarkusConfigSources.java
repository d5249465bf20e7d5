package dev.catflap.config;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.SysPropConfigSource;

/**
 * Where Quarkus's own configuration (its logging, its banner) comes from: catflap's
 * application.properties and -D options (CATFLAP_JAVA_OPTS), and nothing of the user's.
 *
 * <p>By default Quarkus also reads QUARKUS_* environment variables, a .env file and
 * config/application.properties in the working directory. catflap runs in the user's project,
 * often one of a Quarkus application that it starts, with that application's variables set: its
 * keys would reach catflap's Quarkus, which warns about each it does not know, and a banner or a
 * log level meant for the application would change what catflap prints. catflap's own settings
 * come from {@link Configuration}, not from here.
 *
 * <p>The same for the configuration Quarkus builds first, at static init ({@link StaticInitSafe}):
 * without it that one read the working directory's .env and config/application.properties and
 * every variable, and a {@code config_ordinal} there that is no number (a cloned repository's
 * .env) stopped catflap with a stack trace before it could say a word.
 *
 * <p>Registered in META-INF/services, where Quarkus finds it at build time; runs after Quarkus's
 * own customizers, which asked for the default sources.
 */
@StaticInitSafe
public class QuarkusConfigSources implements SmallRyeConfigBuilderCustomizer {
    private static final String APPLICATION_PROPERTIES = "application.properties";
    /** Quarkus's ordinal for the application.properties in the application. */
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        if (!builder.isAddDefaultSources()) {
            return; // a builder that reads none of the default sources reads nothing of the user's
        }
        builder.setAddDefaultSources(false)
                .withSources(new SysPropConfigSource())
                .withSources(PropertiesConfigSourceLoader.inClassPath(APPLICATION_PROPERTIES, APPLICATION_PROPERTIES_ORDINAL,
                        builder.getClassLoader()));
    }
}
