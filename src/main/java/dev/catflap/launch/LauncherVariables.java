package dev.catflap.launch;

/**
 * What the launcher script changed in the environment it gave java, for the JVM's sake: it set
 * variables for the JVM alone (_JAVA_SR_SIGNUM, read by HotSpot), named in one system property
 * ({@link LauncherProperties}), and moved the caller's variables that the JVM would act on
 * (JAVA_TOOL_OPTIONS, ...) away from their names to {@code CATFLAP_CALLER_<name>}, named in another. A variable the caller had set itself is
 * not named as added, and stays. Where the launcher handed over the caller's environment at fd 9,
 * none of this is in it; otherwise {@link #undo} takes java's environment back to the caller's.
 */
public final class LauncherVariables {
    static final String MOVED_PREFIX = "CATFLAP_CALLER_";

    private LauncherVariables() {
    }

    /**
     * {@code environment} without the variables the {@code launcher} says it added, with the ones
     * it moved back under their names.
     */
    public static Environment undo(Environment environment, LauncherProperties launcher) {
        Environment result = environment;
        for (String name : launcher.addedVariables()) {
            result = result.without(name);
        }
        for (String name : launcher.movedVariables()) {
            byte[] value = result.rawValue(MOVED_PREFIX + name);
            if (value != null) {
                result = result.without(MOVED_PREFIX + name).with(name, value);
            }
        }
        return result;
    }
}
