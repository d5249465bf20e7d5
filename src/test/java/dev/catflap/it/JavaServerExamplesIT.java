package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java servers of examples/java/STACK (each a Maven project of its own, built together through
 * examples/java/pom.xml), run as the README says: catflap in the example's directory, the command
 * and {@code --stdin} from its .catflap.properties, restarted by {@code --watch}. Requests are sent
 * right after each restart signal, while the old JVM stops and the new one starts: none may fail,
 * and each restart must be answered by a new JVM.
 *
 * <p>A new directory with a pom.xml is tested without a change here. An example that cannot run on
 * this machine (a missing JDK or OS feature, such as epoll) says so on stderr with a line
 * {@code example unavailable here: REASON} and exits; its test is then skipped with that reason.
 * Nothing else skips: a build that fails, or a server that exits or never answers, fails.
 */
class JavaServerExamplesIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path EXAMPLES = ROOT.resolve("examples/java");
    private static final Pattern UNAVAILABLE = Pattern.compile("(?m)^example unavailable here: (.+)$");
    private static final String EXITED = "[catflap] the command exited";
    private static final int RESTARTS = 10;
    private static final int REQUESTS_PER_RESTART = 20;

    @TempDir
    Path temp;

    /** The stacks: every directory of examples/java with a pom.xml, by name. */
    static Stream<String> stacks() throws IOException {
        try (Stream<Path> entries = Files.list(EXAMPLES)) {
            return entries.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Builds all examples once, with the Maven wrapper and local repository of this build. */
    @BeforeAll
    static void buildTheExamples() throws Exception {
        List<String> modules = modules();
        List<String> missing = stacks().filter(stack -> !modules.contains(stack)).toList();
        assertEquals(List.of(), missing, "examples that examples/java/pom.xml does not build (add them to its <modules>)");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-q",
                "-f", EXAMPLES.resolve("pom.xml").toString(), "package", "-DskipTests"));
        String repository = System.getProperty("catflap.maven.repo", "");
        if (!repository.isEmpty()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Path log = Files.createTempFile("catflap-java-examples-build", ".log");
        ProcessBuilder build = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process process = build.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("building examples/java took over 15 minutes; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertEquals(0, process.exitValue(), "building examples/java failed: " + String.join(" ", command) + "\n" + output);
        System.out.printf("examples/java built in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void restartsUnderWatchWithoutAFailedRequest(String stack) throws Exception {
        Path trigger = Files.writeString(temp.resolve("restart-signal"), "0");
        Catflap catflap = Catflap.launcher().in(EXAMPLES.resolve(stack));
        // "java" in .catflap.properties is then the JDK running these tests (17 or newer).
        catflap.env("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        try (Catflap.Running running = catflap.start("-p", "0", "--watch", trigger.toString())) {
            int port = running.awaitPort();
            long start = System.nanoTime();
            long previous = firstReply(running, port, stack).pid();
            Set<Long> servers = new LinkedHashSet<>(List.of(previous));
            List<String> failures = new ArrayList<>();
            int requests = 1;
            for (int restart = 1; restart <= RESTARTS; restart++) {
                Files.writeString(trigger, Integer.toString(restart)); // the restart signal
                long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
                long server = previous;
                // Requests from right after the signal on: first the old JVM, then the queue
                // while it stops and the new one starts, until the new one answers.
                for (int sent = 0; sent < REQUESTS_PER_RESTART || server == previous; sent++, requests++) {
                    assertTrue(System.nanoTime() < deadline, stack + ": no new server within " + Catflap.TIMEOUT
                            + " of restart " + restart + "; failures " + failures + "; stderr:\n" + running.stderr());
                    try {
                        HelloReply reply = HelloReply.of(Http.get(port));
                        assertEquals(stack, reply.language(), reply.toString());
                        server = reply.pid();
                    } catch (IOException | AssertionError e) {
                        failures.add("restart " + restart + ": " + e);
                    }
                }
                assertTrue(servers.add(server), stack + ": restart " + restart + " answered by an earlier server, pid " + server);
                previous = server;
            }
            System.out.printf("%s: %d requests, %d restarts, %d failed, %d servers, %.1f s%n", stack, requests, RESTARTS,
                    failures.size(), servers.size(), (System.nanoTime() - start) / 1e9);
            assertEquals(List.of(), failures, stack + ": failed requests of " + requests);
            assertEquals(RESTARTS, Catflap.occurrences(running.stderr(), "[catflap] restarting: "), running.stderr());
        }
    }

    /**
     * The first reply, once the first server answers. An example that exits instead fails, unless it
     * said it cannot run here: then the test is skipped with its reason.
     */
    private static HelloReply firstReply(Catflap.Running running, int port, String stack) throws Exception {
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.get(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        while (!reply.isDone()) {
            String stderr = running.stderr();
            Matcher unavailable = UNAVAILABLE.matcher(stderr);
            if (unavailable.find()) {
                Assumptions.abort(stack + " example skipped: " + unavailable.group(1));
            }
            if (stderr.contains(EXITED)) {
                fail(stack + ": the server exited before answering; stderr:\n" + stderr);
            }
            Catflap.sleep(50);
        }
        HelloReply first = HelloReply.of(reply.get());
        assertEquals(stack, first.language(), first.toString());
        return first;
    }

    /** The modules examples/java/pom.xml lists. */
    private static List<String> modules() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(EXAMPLES.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1).trim());
        }
        return modules;
    }
}
