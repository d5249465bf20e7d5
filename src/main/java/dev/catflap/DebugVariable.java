package dev.catflap;

import java.util.Map;

/**
 * {@code CATFLAP_DEBUG}: set (to anything but empty or {@code 0}), an internal error shows its
 * stack trace after its one line. A variable, not an option: an internal error can happen before
 * or while the options are read, and a user who reports one can set it without changing the
 * command line that failed. Never a trace without it: a trace tells users nothing they can act on.
 */
public final class DebugVariable {
    public static final String NAME = "CATFLAP_DEBUG";

    private DebugVariable() {
    }

    /**
     * Whether {@code environment} asks for traces. The caller passes java's own environment
     * ({@code System.getenv()}), which the launcher leaves this variable in: the caller's exact one
     * is read through the posix layer, and a failure there is one of the errors to be traced.
     */
    public static boolean isSet(Map<String, String> environment) {
        String value = environment.get(NAME);
        return value != null && !value.isEmpty() && !value.equals("0");
    }
}
