package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SIGTERM that reaches a supervising catflap while it is still starting: catflap passes it on
 * once its command runs, and ends by it, as it would have a moment later, leaving nothing running.
 */
class SignalWhileStartingIT {
    /** Quarkus's own "started" line goes to stderr, where the helper lets it block catflap mid-start. */
    private static final String QUARKUS_SAYS_STARTED = "-Dquarkus.log.category.\"io.quarkus\".level=INFO";

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
