package dev.catflap.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the launcher script changed in the environment it gave java, for the JVM's sake: it set
 * variables for the JVM alone (_JAVA_SR_SIGNUM, read by HotSpot), named in one system property
 * ({@link LauncherProperties}), and moved the caller's variables that the JVM would act on
 * (JAVA_TOOL_OPTIONS, ...) away from their names to {@code CATFLAP_CALLER_<name>}, named in
 * another; a caller's own variable already under such a name was moved first, one prefix further.
 * A variable the caller had set itself is not named as added, and stays. Where the launcher handed
 * over the caller's environment, none of this is in it; otherwise {@link #undo} takes java's
 * environment back to the caller's.
 */
public final class LauncherVariables {
    /** The launcher's: no setting's variable has it, and a variable under it is never taken for a misspelt one. */
    static final String MOVED_PREFIX = "CATFLAP_CALLER_";

    private LauncherVariables() {
    }

    /**
     * {@code environment} without the variables the {@code launcher} says it added, with the ones
     * it moved back under their names, the last move undone first.
     */
    public static Environment undo(Environment environment, LauncherProperties launcher) {
        Environment result = environment;
        for (String name : launcher.addedVariables()) {
            result = result.without(name);
        }
        List<String> moved = launcher.movedVariables();
        for (int i = moved.size() - 1; i >= 0; i--) {
            result = result.renamed(MOVED_PREFIX + moved.get(i), moved.get(i));
        }
        return result;
    }

    /**
     * The caller's {@code variables} that may be settings: those under the launcher's prefix are
     * the launcher's, or the caller's own that merely share it, and neither is a setting nor a
     * misspelt one to warn about.
     */
    public static Map<String, String> forSettings(Map<String, String> variables) {
        Map<String, String> settings = new LinkedHashMap<>(variables);
        settings.keySet().removeIf(name -> name.startsWith(MOVED_PREFIX));
        return settings;
    }
}
