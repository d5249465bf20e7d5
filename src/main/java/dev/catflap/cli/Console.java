package dev.catflap.cli;

import dev.catflap.posix.OsString;

/** catflap's own lines on stderr, each prefixed so it stands apart from the command's output. */
final class Console {
    static final String PREFIX = "[catflap] ";
    static final String USAGE_HINT = "usage: catflap [OPTIONS] [--] COMMAND [ARGS...]; see catflap --help";

    private Console() {
    }

    /**
     * Writes the line as the bytes its text stands for ({@link OsString}): a name given as bytes
     * that are not UTF-8 is shown as given, not as the '?' of Java's encoder.
     */
    static void say(String message) {
        byte[] line = line(message);
        System.err.write(line, 0, line.length);
        System.err.flush();
    }

    /** The bytes {@link #say} writes for {@code message}. */
    static byte[] line(String message) {
        return OsString.encode(PREFIX + message + "\n");
    }
}
