package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servers under examples/, started as their READMEs say: each answers on catflap's socket and,
 * run under examples/restart-loop.sh, survives being killed without a client being refused. An
 * example whose runtime is not installed is skipped, saying so.
 */
class ExamplesIT {
    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();
    private static final Path RESTART_LOOP = EXAMPLES.resolve("restart-loop.sh");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final int CLIENTS = 3;

    /**
     * An example: the catflap options and the server command of its README, the language its
     * replies name, and the status it exits with on SIGTERM (a JVM's is 143).
     */
    record Example(List<String> options, List<String> server, String language, int statusOnTerm) {
        static Example named(String name) {
            return switch (name) {
                case "node" -> new Example(List.of(), List.of(onPath("node"), example("node/server.js")), "node", 0);
                case "python" -> new Example(List.of(), List.of(onPath("python3"), example("python/server.py")), "python", 0);
                case "java --stdin" -> new Example(List.of("--stdin"),
                        List.of(testJava(), example("java/InheritedChannelServer.java")), "java", 143);
                case "java --systemd" -> new Example(List.of("--systemd"),
                        List.of(java22OrNewer(), "--enable-native-access=ALL-UNNAMED", example("java/SystemdServer.java")),
                        "java", 143);
                default -> throw new IllegalArgumentException(name);
            };
        }

        /** catflap's arguments for a free port, these options and {@code command}. */
        List<String> catflapArgs(List<String> command) {
            List<String> args = new ArrayList<>(List.of("-p", "0"));
            args.addAll(options);
            args.add("--");
            args.addAll(command);
            return args;
        }

        List<String> underRestartLoop() {
            List<String> command = new ArrayList<>(List.of(RESTART_LOOP.toString()));
            command.addAll(server);
            return command;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "python", "java --stdin", "java --systemd"})
    void answersOnCatflapsSocketAsCatflapsOwnProcess(String name) throws Exception {
        Example example = Example.named(name);
        try (Catflap.Running catflap = Catflap.launcher().start(example.catflapArgs(example.server()))) {
            HelloReply reply = HelloReply.of(Http.get(catflap.awaitPort()));
            assertEquals(example.language(), reply.language(), reply.toString());
            assertEquals(catflap.pid(), reply.pid(), "catflap execs the server: same pid");

            catflap.process().destroy(); // SIGTERM, as a supervisor would stop it
            assertEquals(example.statusOnTerm(), catflap.await().exit(), "exit status on SIGTERM");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "python", "java --stdin", "java --systemd"})
    void survivesARestartUnderTheRestartLoopWithoutARefusedConnection(String name) throws Exception {
        Example example = Example.named(name);
        try (Catflap.Running catflap = Catflap.launcher().start(example.catflapArgs(example.underRestartLoop()))) {
            int port = catflap.awaitPort();
            HelloReply first = HelloReply.of(Http.get(port));
            assertEquals(example.language(), first.language(), first.toString());
            assertNotEquals(catflap.pid(), first.pid(), "the server runs as the loop's child");

            List<String> failures;
            try (Clients clients = Clients.start(port, CLIENTS)) {
                clients.awaitReplies(first.pid(), true, CLIENTS);
                ProcessHandle server = ProcessHandle.of(first.pid()).orElseThrow();
                server.destroy(); // SIGTERM to the server, not to catflap: the loop starts the next one
                server.onExit().get(Catflap.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                clients.awaitReplies(first.pid(), false, 2 * CLIENTS);
                failures = clients.stop();
            }
            assertEquals(List.of(), failures, "no request may fail across the restart");
            assertTrue(catflap.process().isAlive(), "the loop, holding the socket, is still running");
        }
    }

    private static String example(String file) {
        return EXAMPLES.resolve(file).toString();
    }

    /** The absolute path of {@code command} on PATH; the test is skipped when there is none. */
    private static String onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        Assumptions.abort(command + " is not on PATH: skipping its example (.ci/run installs it)");
        return null;
    }

    /** The java running these tests: JDK 17 or newer, enough for System.inheritedChannel(). */
    private static String testJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A java of JDK 22 or newer for the FFM API: this one, else the JDK 25 of the build machines. */
    private static String java22OrNewer() {
        if (Runtime.version().feature() >= 22) {
            return testJava();
        }
        if (Files.isExecutable(JDK_25)) {
            return JDK_25.toString();
        }
        Assumptions.abort("no JDK 22+ (tests run on " + Runtime.version() + ", and " + JDK_25
                + " is missing): skipping SystemdServer.java");
        return null;
    }
}
