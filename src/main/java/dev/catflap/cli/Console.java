package dev.catflap.cli;

import dev.catflap.CatflapLine;

/**
 * catflap's own lines on stderr, each prefixed so it stands apart from the command's output, with
 * the control characters of what they quote escaped (see {@link CatflapLine}).
 */
final class Console {
    static final String USAGE_HINT = "usage: catflap [OPTIONS] [--] COMMAND [ARGS...]; see catflap --help";

    private Console() {
    }

    /** Writes the line as {@link CatflapLine} makes it, at once: a line is never left half in a buffer. */
    static void say(String message) {
        byte[] line = CatflapLine.bytes(message);
        System.err.write(line, 0, line.length);
        System.err.flush();
    }
}
