package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Only a regular file of at most 1 MiB is read as settings: a FIFO, a directory, a device, a huge
 * file or a link to one, found by the search or named with --config, is refused at once with one
 * line naming it (exit 2), never waited on or read without end.
 */
class SettingsFileKindIT {
    /** Far beyond catflap's start-up: a run that takes longer is waiting on something. */
    private static final long BOUND_SECONDS = 20;

    @TempDir
    Path temp;

    Path project;
    Path nested;

    @BeforeEach
    void directories() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        nested = Files.createDirectories(project.resolve("src/deep"));
        Files.createDirectories(temp.resolve("home"));
    }

    enum Kind {
        FIFO("a FIFO"), DIRECTORY("a directory"), DEVICE("a character device"), SOCKET("a socket"), HUGE(null);

        final String words;

        Kind(String words) {
            this.words = words;
        }

        /** What catflap says of it, as {@code name} names it. */
        String message(String name, boolean link) {
            return words == null ? name + ": larger than 1 MiB, too large for a settings file"
                    : name + ": " + (link ? "a link to " : "") + words + ", not a regular file";
        }
    }

    static Stream<Arguments> kinds() {
        List<Arguments> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (boolean link : List.of(false, true)) {
                if (kind != Kind.DEVICE || link) { // a device is found through a link to /dev/zero
                    kinds.add(Arguments.of(kind, link));
                }
            }
        }
        return kinds.stream();
    }

    @ParameterizedTest(name = "{0}, link: {1}")
    @MethodSource("kinds")
    void foundBySearchItIsRefusedAtOnce(Kind kind, boolean link) throws IOException, InterruptedException {
        Path file = make(kind, link, project.resolve(".catflap.properties"));
        refusedAtOnce(List.of("-p", "0"), nested, kind.message(file.toString(), link));
    }

    @ParameterizedTest(name = "{0}, link: {1}")
    @MethodSource("kinds")
    void namedByConfigItIsRefusedAtOnce(Kind kind, boolean link) throws IOException, InterruptedException {
        make(kind, link, project.resolve("team.properties"));
        refusedAtOnce(List.of("--config", "../../team.properties", "-p", "0"), nested,
                kind.message("--config ../../team.properties", link));
    }

    @Test
    void devZeroNamedByConfigIsRefusedAtOnce() throws IOException, InterruptedException {
        refusedAtOnce(List.of("--config", "/dev/zero", "-p", "0"), project, Kind.DEVICE.message("--config /dev/zero", false));
    }

    @Test
    void fileOfExactlyTheLimitIsRead() throws IOException, InterruptedException {
        String line = "catflap.command=touch ran\n";
        StringBuilder text = new StringBuilder(line);
        while (text.length() < 1024 * 1024 - 1) {
            text.append('#');
        }
        Files.writeString(project.resolve(".catflap.properties"), text.append('\n'));
        assertEquals(1024 * 1024, Files.size(project.resolve(".catflap.properties")));
        Catflap.Result result = boundedRun(List.of("-p", "0"), project);
        assertEquals(0, result.exit(), result.stderr());
    }

    /** Makes {@code path} a thing of {@code kind}, or a link to one beside it. */
    private Path make(Kind kind, boolean link, Path path) throws IOException, InterruptedException {
        Path thing = link ? path.resolveSibling("thing") : path;
        switch (kind) {
            case FIFO -> {
                Process mkfifo = new ProcessBuilder("mkfifo", thing.toString()).inheritIO().start();
                assertEquals(0, mkfifo.waitFor());
            }
            case DIRECTORY -> Files.createDirectory(thing);
            case SOCKET -> { // a file that cannot even be opened (ENXIO)
                Process bind = new ProcessBuilder("python3", "-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])",
                        thing.toString()).inheritIO().start();
                assertEquals(0, bind.waitFor());
            }
            case DEVICE -> thing = Path.of("/dev/zero");
            case HUGE -> {
                try (RandomAccessFile file = new RandomAccessFile(thing.toFile(), "rw")) {
                    file.setLength(1024 * 1024 + 1); // sparse: no disk used
                }
            }
        }
        if (link) {
            Files.createSymbolicLink(path, thing);
        }
        return path;
    }

    private void refusedAtOnce(List<String> options, Path directory, String message) throws InterruptedException {
        Catflap.Result result = boundedRun(options, directory);
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] " + message + "\n", result.stderr());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(directory.resolve("ran")), "the command must not run");
    }

    /** catflap run to its end, which must come within {@link #BOUND_SECONDS}. */
    private Catflap.Result boundedRun(List<String> options, Path directory) throws InterruptedException {
        Catflap catflap = Catflap.launcher().in(directory).env("HOME", temp.resolve("home").toString())
                .env("XDG_CONFIG_HOME", temp.resolve("home").toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        try (Catflap.Running running = catflap.start(CoreIT.args(options, List.of("touch", "ran")))) {
            if (!running.process().waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                fail("catflap did not end within " + BOUND_SECONDS + " s; stderr: " + running.stderr());
            }
            return running.await();
        }
    }
}
