package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the packaged catflap as a user would: {@code target/catflap} (or, with {@link #viaJar},
 * {@code java -jar target/quarkus-app/quarkus-run.jar}) as a separate process, its output
 * captured in files so that nothing blocks.
 */
public final class Catflap {
    private static final Path LAUNCHER = Path.of(System.getProperty("catflap.launcher", "target/catflap"));
    private static final Path JAR = Path.of(System.getProperty("catflap.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Pattern LISTENING = Pattern.compile("\\[catflap] Listening at: (\\S+):(\\d+)");
    private static final Pattern ANY_LISTENING = Pattern.compile("(?m)^\\[catflap] Listening at: (.+)$");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** What runs a command as another user, nobody, without root's groups: the tests run as root. */
    static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    private final List<String> prefix;
    private final ProcessBuilder builder = new ProcessBuilder();

    private Catflap(List<String> prefix) {
        this.prefix = prefix;
    }

    /** catflap as started by its launcher, target/catflap. */
    public static Catflap launcher() {
        return new Catflap(List.of(LAUNCHER.toAbsolutePath().toString()));
    }

    /** catflap as started by a launcher elsewhere, such as a copy of the installation. */
    public static Catflap launcherAt(Path launcher) {
        return new Catflap(List.of(launcher.toAbsolutePath().toString()));
    }

    /** True when target/catflap is a native executable (./mvnw verify -Pnative), not the JVM launcher. */
    public static boolean isNative() {
        return Boolean.getBoolean("catflap.native");
    }

    /** catflap as started by {@code java -jar}, with the java running these tests. */
    public static Catflap viaJar() {
        // A native build (-Pnative) has no jar: the test is skipped there.
        assumeFalse(isNative(), "java -jar needs the JVM build");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new Catflap(List.of(java, "-jar", JAR.toAbsolutePath().toString()));
    }

    /** The probe command of src/test/resources/probe.py, with its mode and arguments. */
    public static List<String> probe(String... args) {
        List<String> command = new ArrayList<>(List.of("python3", Path.of("target/test-classes/probe.py").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@link #probe} run by the python3 interpreter itself rather than by whatever "python3" is on
     * PATH: that may be a wrapper script (pyenv's shims are bash scripts, which add variables and
     * reorder the environment), and a probe must see exactly what it was started with.
     */
    public static List<String> interpreterProbe(String... args) {
        List<String> command = probe(args);
        command.set(0, Interpreter.PATH);
        return command;
    }

    /** A python script that prints the directory it runs in, then its PWD ("(unset)" when it has none). */
    public static final String WHERE_SCRIPT = "import os\nprint(os.getcwd())\nprint(os.environ.get('PWD', '(unset)'))\n";

    /**
     * Quiet arguments ({@code -q}) for a way to run the command: {@code "exec"} adds no option,
     * any other mode is the option itself ({@code "--spawn"}); then {@code rest}.
     */
    public static List<String> quietIn(String mode, String... rest) {
        List<String> args = new ArrayList<>(List.of("-q"));
        if (!mode.equals("exec")) {
            args.add(mode);
        }
        args.addAll(List.of(rest));
        return args;
    }

    /** The path of the python3 on PATH, once asked. */
    private static final class Interpreter {
        static final String PATH = ask();

        private static String ask() {
            try {
                Process python = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                        .redirectErrorStream(true).start();
                String path = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (python.waitFor() != 0 || path.isEmpty()) {
                    throw new IllegalStateException("python3 did not tell its path: " + path);
                }
                return path;
            } catch (IOException e) {
                throw new IllegalStateException("cannot run python3", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Catflap env(String name, String value) {
        builder.environment().put(name, value);
        return this;
    }

    public Catflap withoutEnv(String name) {
        builder.environment().remove(name);
        return this;
    }

    public Map<String, String> environment() {
        return builder.environment();
    }

    public Catflap in(Path directory) {
        builder.directory(directory.toFile());
        return this;
    }

    /** The full command line: the launcher, then {@code args}. */
    public List<String> commandLine(List<String> args) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(args);
        return all;
    }

    /** The full command line run as another user ({@link #AS_NOBODY}): who catflap must not trust. */
    public List<String> commandLineAsNobody(List<String> args) {
        List<String> all = new ArrayList<>(AS_NOBODY);
        all.addAll(commandLine(args));
        return all;
    }

    /** Runs catflap with {@code args} to its end. */
    public Result run(List<String> args) {
        return start(args).await();
    }

    public Result run(String... args) {
        return run(List.of(args));
    }

    /** Runs an arbitrary command line with this environment, e.g. a probe started directly. */
    public Result runDirectly(List<String> commandLine) {
        return startRaw(commandLine).await();
    }

    /** Starts an arbitrary command line with this environment, e.g. catflap through a {@link Caller}. */
    public Running startDirectly(List<String> commandLine) {
        return startRaw(commandLine);
    }

    public Running start(List<String> args) {
        return startRaw(commandLine(args));
    }

    public Running start(String... args) {
        return start(List.of(args));
    }

    private Running startRaw(List<String> commandLine) {
        try {
            Path out = Files.createTempFile("catflap-out", ".txt");
            Path err = Files.createTempFile("catflap-err", ".txt");
            builder.command(commandLine)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            return new Running(builder.start(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + commandLine, e);
        }
    }

    /** A catflap process still running. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public long pid() {
            return process.pid();
        }

        public Process process() {
            return process;
        }

        /** The port of the first listening line, once catflap has printed it. */
        public int awaitPort() {
            return Integer.parseInt(awaitListening().group(2));
        }

        /** The first listening line, once catflap has printed it. */
        public Matcher awaitListening() {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher matcher = LISTENING.matcher(read(err));
                if (matcher.find()) {
                    return matcher;
                }
                if (!process.isAlive()) {
                    fail("catflap ended (" + process.exitValue() + ") without listening; stderr: " + read(err));
                }
                sleep(20);
            }
            throw new AssertionError("no listening line within " + TIMEOUT + "; stderr: " + read(err));
        }

        /** The addresses of the first {@code count} listening lines (any kind), once catflap has printed them. */
        public List<String> awaitAddresses(int count) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                List<String> addresses = listeningAddresses(read(err));
                if (addresses.size() >= count) {
                    return addresses.subList(0, count);
                }
                if (!process.isAlive()) {
                    fail("catflap ended (" + process.exitValue() + ") without listening; stderr: " + read(err));
                }
                sleep(20);
            }
            throw new AssertionError("no " + count + " listening lines within " + TIMEOUT + "; stderr: " + read(err));
        }

        public Result await() {
            try {
                boolean ended = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    fail("catflap did not end within " + TIMEOUT + "; stderr: " + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Result(process.exitValue(), read(out), read(err), process.pid());
        }

        public String stderr() {
            return read(err);
        }

        public String stdout() {
            return read(out);
        }

        /** Catflap's stdout once it contains {@code text}. */
        public String awaitStdout(String text) {
            return awaitOutput(out, text, 1);
        }

        /** Catflap's stdout once {@code text} appears in it {@code count} times. */
        public String awaitStdout(String text, int count) {
            return awaitOutput(out, text, count);
        }

        /** Catflap's stderr once it contains {@code text}. */
        public String awaitStderr(String text) {
            return awaitOutput(err, text, 1);
        }

        /** Catflap's stderr once {@code text} appears in it {@code count} times. */
        public String awaitStderr(String text, int count) {
            return awaitOutput(err, text, count);
        }

        private String awaitOutput(Path file, String text, int count) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                String content = read(file);
                if (occurrences(content, text) >= count) {
                    return content;
                }
                if (!process.isAlive()) {
                    fail("catflap ended (" + process.exitValue() + ") before printing '" + text + "' " + count
                            + " times; stdout: " + read(out) + "; stderr: " + read(err));
                }
                sleep(20);
            }
            throw new AssertionError("not " + count + " times '" + text + "' within " + TIMEOUT + "; stdout: "
                    + read(out) + "; stderr: " + read(err));
        }

        /** Sends catflap the signal {@code name} (HUP, INT, TERM, ...). */
        public void signal(String name) {
            Catflap.signal(process.pid(), name);
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** How a run ended: its status, its output, and the pid it had. */
    public record Result(int exit, String stdout, String stderr, long pid) {
        /** The listening line's port. */
        public int port() {
            Matcher matcher = LISTENING.matcher(stderr);
            assertTrue(matcher.find(), "no listening line in: " + stderr);
            return Integer.parseInt(matcher.group(2));
        }

        /** Every address of the listening lines, in order, as printed: 127.0.0.1:PORT, unix:PATH, ... */
        public List<String> listening() {
            return listeningAddresses(stderr);
        }
    }

    static List<String> listeningAddresses(String stderr) {
        List<String> addresses = new ArrayList<>();
        Matcher matcher = ANY_LISTENING.matcher(stderr);
        while (matcher.find()) {
            addresses.add(matcher.group(1));
        }
        return addresses;
    }

    /** Sends process {@code pid} the signal {@code name}, as kill(1) does. */
    public static void signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                fail("kill -s " + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
