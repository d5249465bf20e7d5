package dev.catflap.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Outside the socket package, code tells the kinds of socket apart only through what the compiler
 * checks for every kind: {@link ListenSpec#match} or a method of {@link ListenSpec}. An
 * {@code instanceof} or a cast would compile on, silently, when a kind is added, the way
 * {@code UDP ? ListenDatagram : ListenStream} once did.
 */
class KindsToldApartByMatchTest {
    private static final Pattern KIND_TEST = Pattern.compile(
            "instanceof\\s+(TcpSpec|UdpSpec|UnixSpec|IpSpec)\\b|\\(\\s*(TcpSpec|UdpSpec|UnixSpec|IpSpec)\\s*\\)\\s*\\w");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String SOCKET = "dev/catflap/socket/";

    @Test
    void noSourceOutsideSocketTestsForAKind() throws IOException {
        assertTrue(Files.isDirectory(SOURCES.resolve(SOCKET)), "run from the project's directory: " + SOURCES.toAbsolutePath());
        List<String> offenders = sources().stream()
                .filter(file -> !inSocket(file) && KIND_TEST.matcher(read(file)).find())
                .map(file -> SOURCES.relativize(file).toString()).toList();
        assertEquals(List.of(), offenders, "tell the kinds apart with ListenSpec.match or a ListenSpec method");
    }

    @Test
    void theScanSeesAKindTest() throws IOException {
        // the socket package compares a spec with one of its own kind: the pattern must find that
        assertTrue(KIND_TEST.matcher(read(SOURCES.resolve(SOCKET + "UnixSpec.java"))).find());
        assertTrue(KIND_TEST.matcher("Object o = (UdpSpec) spec;").find());
    }

    private static boolean inSocket(Path file) {
        return SOURCES.relativize(file).toString().replace('\\', '/').startsWith(SOCKET);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
