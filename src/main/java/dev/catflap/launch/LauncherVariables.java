package dev.catflap.launch;

import java.util.Arrays;

/**
 * Environment variables the launcher script sets for the JVM alone (_JAVA_SR_SIGNUM, read by
 * HotSpot). It names them in a system property and the command never sees them; a variable the
 * caller had set itself is not named there, and stays.
 */
public final class LauncherVariables {
    static final String PROPERTY = "catflap.launcher.variables";

    private LauncherVariables() {
    }

    /** {@code environment} without the variables the launcher added. */
    public static Environment removeFrom(Environment environment) {
        Environment result = environment;
        for (String name : Arrays.asList(System.getProperty(PROPERTY, "").split(","))) {
            if (!name.isBlank()) {
                result = result.without(name.strip());
            }
        }
        return result;
    }
}
