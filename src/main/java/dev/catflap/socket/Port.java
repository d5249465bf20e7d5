package dev.catflap.socket;

/** Parses port numbers. 0 asks the kernel for any free port. */
public final class Port {
    private Port() {
    }

    /** @throws IllegalArgumentException if {@code text} is not 0-65535 */
    public static int parse(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a port number (0-65535)");
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("not a port number (0-65535)");
        }
        return port;
    }
}
