package dev.catflap.socket;

import java.util.regex.Pattern;

/** Parses port numbers. 0 asks the kernel for any free port. */
public final class Port {
    /** ASCII digits only: Java's own parsing would take other scripts' digits too (٨٠ for 80). */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    static final int MAX = 65535;

    private Port() {
    }

    /** @throws IllegalArgumentException if {@code text} is not 0-65535 in ASCII digits */
    public static int parse(String text) {
        if (!DIGITS.matcher(text).matches() || Integer.parseInt(text) > MAX) {
            throw new IllegalArgumentException("not a port number (0-" + MAX + ")");
        }
        return Integer.parseInt(text);
    }
}
