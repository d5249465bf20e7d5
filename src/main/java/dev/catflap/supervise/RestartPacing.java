package dev.catflap.supervise;

import dev.catflap.posix.OsString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How long a restart waits. A change that comes soon after each start is most likely the
 * command's own doing (a pid file, a log, build output in the watched tree), and restarting at
 * once would restart it for ever: after a few such restarts in a row, each waits longer (doubling,
 * up to a few seconds), and catflap says once which path keeps changing and how to leave it out.
 * The change is only delayed: the restart comes all the same. A change that comes later resets
 * the count.
 */
final class RestartPacing {
    /** A change this soon after the last start is a quick one. */
    static final Duration QUICK = Duration.ofSeconds(2);
    /** How many quick restarts in a row happen at once: saving twice or three times in a row is usual. */
    static final int FREE = 3;
    static final Duration FIRST_WAIT = Duration.ofMillis(500);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(4);
    /** Names a shell takes as they are; others are quoted in the hint. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+,:@%=-]+");
    /** Characters a glob would take as a pattern rather than as themselves. */
    private static final Pattern GLOB_SPECIAL = Pattern.compile("([*?\\[{\\\\])");

    private final Consumer<String> notices;
    private long lastStart;
    private int quickInARow;
    private boolean hinted;

    /** @param now when the command first started (System.nanoTime()) */
    RestartPacing(Consumer<String> notices, long now) {
        this.notices = notices;
        this.lastStart = now;
    }

    /** The command was started (or tried) at {@code now}. */
    void started(long now) {
        lastStart = now;
    }

    /** How long the restart for a change to {@code path}, seen at {@code now}, waits. */
    Duration waitFor(Path path, long now) {
        if (now - lastStart >= QUICK.toNanos()) {
            quickInARow = 0;
            return Duration.ZERO;
        }
        quickInARow++;
        if (quickInARow <= FREE) {
            return Duration.ZERO;
        }
        hintOnce(path);
        int doublings = Math.min(quickInARow - FREE - 1, 8); // 8: far past the longest wait, and no overflow
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) < 0 ? wait : LONGEST_WAIT;
    }

    private void hintOnce(Path path) {
        if (hinted) {
            return;
        }
        hinted = true;
        notices.accept(OsString.of(path) + " changed right after each of the last " + quickInARow + " starts: restarts now wait"
                + " up to " + LONGEST_WAIT.toSeconds() + " s; if the command writes it, leave it out with --ignore "
                + shellWord(glob(path.getFileName())));
    }

    /**
     * A glob that matches exactly {@code name}, as --ignore matches it. A byte that is not UTF-8
     * becomes ?: the matcher sees the name as the JVM decodes it, where such a byte is U+FFFD,
     * which no glob given in a shell can hold (a \xff given stays a byte); ? matches it.
     */
    static String glob(Path name) {
        String text = name == null ? "" : OsString.of(name);
        StringBuilder glob = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (OsString.isEscapedByte(text, i)) {
                glob.append('?');
            } else {
                glob.append(GLOB_SPECIAL.matcher(String.valueOf(c)).matches() ? "\\" : "").append(c);
            }
        }
        return glob.toString();
    }

    /** {@code word} as a POSIX shell would read it back. */
    static String shellWord(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
