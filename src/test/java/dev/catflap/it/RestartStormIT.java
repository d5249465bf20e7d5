package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --watch and a command that writes into the watched tree each time it starts (a pid file): after
 * a few quick restarts, restarts wait, catflap says once what to leave out, and a real change
 * still restarts the command.
 */
class RestartStormIT {
    private static final String RESTARTING = "[catflap] restarting: ";
    private static final long WINDOW_MILLIS = 8_000;
    /**
     * Restarts at most within the window after the first start. catflap restarts 3 times at once,
     * then waits 0.5, 1, 2 and 4 s, each after the watcher's quiet period (--debounce, 50 ms) and a
     * start: the 7th restart cannot come before 8 s, so at most 6 fall in 8 s; one more for the test's own timing. Without the
     * waiting it was 38.
     */
    private static final int MOST_RESTARTS = 7;

    @TempDir
    Path temp;

    @Test
    void commandWritingIntoTheWatchedTreeRestartsAFewTimesAndIsToldWhatToIgnore() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path app = Files.writeString(src.resolve("app.txt"), "v1");
        Path storming = Files.writeString(temp.resolve("storming"), "");
        Path pidFile = src.resolve("server.pid");
        String script = "echo \"run $(cat " + app + ")\"; if [ -e " + storming + " ]; then echo $$ > " + pidFile + "; fi;"
                + " exec sleep 1000";
        List<String> args = List.of("-p", "0", "--watch", src.toString(), "--", "sh", "-c", script);
        try (Catflap.Running catflap = Catflap.launcher().start(args)) {
            catflap.awaitStdout("run v1");
            Catflap.sleep(WINDOW_MILLIS);
            String stderr = catflap.stderr();
            int restarts = Catflap.occurrences(stderr, RESTARTING);
            assertTrue(restarts <= MOST_RESTARTS, restarts + " restarts in " + WINDOW_MILLIS + " ms: " + stderr);
            assertTrue(restarts >= 4, "the storm went on: " + stderr);
            assertEquals(List.of("[catflap] " + pidFile + " changed right after each of the last 4 starts: restarts now"
                    + " wait up to 4 s; if the command writes it, leave it out with --ignore server.pid"), hints(stderr));

            Files.delete(storming); // the command leaves the tree alone from now on
            Files.writeString(app, "v2");
            catflap.awaitStdout("run v2");
            // the restart that waited for the pid file's last change is this one: "(and 1 more)"
            stderr = catflap.awaitStderr(RESTARTING + app + " changed");
            assertEquals(1, hints(stderr).size(), "said once: " + stderr);
        }
    }

    @Test
    void changesSpreadOutRestartAtOnceAndSayNothing() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path app = src.resolve("app.txt");
        List<String> args = List.of("-p", "0", "--watch", src.toString(), "--", "sh", "-c", "echo run; exec sleep 1000");
        try (Catflap.Running catflap = Catflap.launcher().start(args)) {
            catflap.awaitStdout("run\n");
            for (int change = 1; change <= 5; change++) {
                Catflap.sleep(2_100); // a change more than 2 s after the last start is not a quick one
                long before = System.nanoTime();
                Files.writeString(app, Integer.toString(change));
                catflap.awaitStdout("run\n", change + 1);
                long millis = (System.nanoTime() - before) / 1_000_000;
                assertTrue(millis < 2_000, "restart " + change + " took " + millis + " ms");
            }
            assertEquals(List.of(), hints(catflap.stderr()));
        }
    }

    private static List<String> hints(String stderr) {
        return stderr.lines().filter(line -> line.contains("--ignore")).toList();
    }
}
