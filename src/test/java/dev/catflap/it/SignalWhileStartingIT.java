package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SIGTERM that reaches a supervising catflap while it is still starting: catflap passes it on
 * once its command runs, and ends by it, as it would have a moment later, leaving nothing running.
 */
class SignalWhileStartingIT {
    /** Quarkus's own "started" line goes to stderr, where the helper lets it block catflap mid-start. */
    private static final String QUARKUS_SAYS_STARTED = "-Dquarkus.log.category.\"io.quarkus\".level=INFO";
    /** mktemp as the launcher finds it on PATH: it makes the directory, says so, and takes a second to answer. */
    private static final String SLOW_MKTEMP = """
            #!/bin/sh
            for real in /usr/bin/mktemp /bin/mktemp; do [ -x "$real" ] && break; done
            made=$("$real" "$@") || exit
            : > "$MADE_MARK"
            sleep 1
            echo "$made"
            """;

    @TempDir
    Path temp;

    /**
     * The launcher copies the environment through a directory of its own in TMPDIR, for a moment
     * at every start: a signal then ended the shell at once, and the directory stayed (an early
     * SIGTERM often hit that moment under load). A slow mktemp holds the launcher there.
     */
    @Test
    void sigtermWhileTheLauncherCopiesTheEnvironmentLeavesNoDirectory() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path mktemp = Files.writeString(bin.resolve("mktemp"), SLOW_MKTEMP);
        Files.setPosixFilePermissions(mktemp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmpdir = Files.createDirectories(temp.resolve("tmp"));
        Path made = temp.resolve("made");
        Catflap catflap = Catflap.launcher().env("PATH", bin + ":" + System.getenv("PATH"))
                .env("TMPDIR", tmpdir.toString()).env("MADE_MARK", made.toString());
        try (Catflap.Running running = catflap.start("--spawn", "-p", "0", "--", "sleep", "600")) {
            for (long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos(); !Files.exists(made) && System.nanoTime() < deadline; ) {
                Catflap.sleep(10);
            }
            assertTrue(Files.exists(made), "the launcher never made its directory");
            running.signal("TERM");
            assertEquals(143, running.await().exit());
        }
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * Under java -jar the JVM's own handler takes a signal that comes before catflap's handlers, and
     * begins the JVM's shutdown, whose Quarkus hook waits for catflap to finish: catflap ran its
     * command until a second signal. The helper (signal_while_starting.py) sends SIGTERM while
     * Quarkus starts (blocked writing its "started" line to a full stderr pipe), then lets it go
     * on. The launcher keeps the signal blocked and pending meanwhile: it is checked the same way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jar", "launcher"})
    void sigtermWhileQuarkusStartsEndsCatflapAndTheCommand(String how) {
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of("target/test-classes/signal_while_starting.py").toAbsolutePath().toString()));
        command.addAll(catflapLine(how, args(List.of("--spawn", "-p", "0"), List.of("sleep", "600"))));
        // CATFLAP_JAVA_OPTS is the launcher's; java -jar takes the option on its command line
        try (Catflap.Running helper = Catflap.launcher().env("CATFLAP_JAVA_OPTS", QUARKUS_SAYS_STARTED).startDirectly(command)) {
            assertEquals("signal 15\n", helper.await().stdout());
        }
    }

    private static List<String> catflapLine(String how, List<String> args) {
        if (how.equals("launcher")) {
            return Catflap.launcher().commandLine(args);
        }
        List<String> line = new ArrayList<>(Catflap.viaJar().commandLine(args));
        line.add(1, QUARKUS_SAYS_STARTED); // a JVM option: before -jar
        return line;
    }
}
