package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --watch: every run gets the socket as the first did, whatever the run before did with it. */
class RestartedSocketIT {
    /**
     * Says whether fd 3 was blocking when it started, makes it non-blocking (as an event loop
     * does), then waits. O_NONBLOCK belongs to the open socket that every run shares.
     */
    private static final String SETS_NON_BLOCKING = "import os, time\n"
            + "print('blocking' if os.get_blocking(3) else 'non-blocking', flush=True)\n"
            + "os.set_blocking(3, False)\n"
            + "time.sleep(1000)\n";

    @TempDir
    Path temp;

    @Test
    void aRunThatMadeTheSocketNonBlockingHandsItBlockingToTheNext() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> args = List.of("-p", "0", "--watch", src.toString(), "--", "python3", "-c", SETS_NON_BLOCKING);
        try (Catflap.Running catflap = Catflap.launcher().start(args)) {
            catflap.awaitStdout("blocking\n");
            Files.writeString(src.resolve("app.txt"), "1");
            String stdout = catflap.awaitStdout("blocking\n", 2);
            assertEquals("blocking\nblocking\n", stdout, "how fd 3 was at the start of each run");
        }
    }
}
