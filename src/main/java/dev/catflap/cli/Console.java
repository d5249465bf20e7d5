package dev.catflap.cli;

/** catflap's own lines on stderr, each prefixed so it stands apart from the command's output. */
final class Console {
    static final String PREFIX = "[catflap] ";
    static final String USAGE_HINT = "usage: catflap [OPTIONS] [--] COMMAND [ARGS...]; see catflap --help";

    private Console() {
    }

    static void say(String message) {
        System.err.println(PREFIX + message);
    }
}
