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
    /** base64 as the launcher finds it on PATH: it says it started, and takes a second to answer. */
    private static final String SLOW_BASE64 = """
            #!/bin/sh
            for real in /usr/bin/base64 /bin/base64; do [ -x "$real" ] && break; done
            : > "$MADE_MARK"
            sleep 1
            exec "$real" "$@"
            """;

    @TempDir
    Path temp;

    /**
     * The launcher once copied the environment through a directory of its own in TMPDIR, and a
     * signal in that moment left the directory behind (an early SIGTERM often hit it under load).
     * It now makes nothing there: a SIGTERM while it copies ends it by that signal, leaving
     * nothing. A slow base64 holds the launcher there.
     */
    @Test
    void sigtermWhileTheLauncherCopiesTheEnvironmentLeavesNothing() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path base64 = Files.writeString(bin.resolve("base64"), SLOW_BASE64);
        Files.setPosixFilePermissions(base64, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmpdir = Files.createDirectories(temp.resolve("tmp"));
        Path made = temp.resolve("made");
        Catflap catflap = Catflap.launcher().env("PATH", bin + ":" + System.getenv("PATH"))
                .env("TMPDIR", tmpdir.toString()).env("MADE_MARK", made.toString());
        try (Catflap.Running running = catflap.start("--spawn", "-p", "0", "--", "sleep", "600")) {
            for (long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos(); !Files.exists(made) && System.nanoTime() < deadline; ) {
                Catflap.sleep(10);
            }
            assertTrue(Files.exists(made), "the launcher never started base64");
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
