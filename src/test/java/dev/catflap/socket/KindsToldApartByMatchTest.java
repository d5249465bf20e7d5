package dev.catflap.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.SourceTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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
    private static final Path SOURCES = SourceTree.SOURCES;
    private static final String SOCKET = "dev/catflap/socket/";

    @Test
    void noSourceOutsideSocketTestsForAKind() throws IOException {
        assertTrue(Files.isDirectory(SOURCES.resolve(SOCKET)), "run from the project's directory: " + SOURCES.toAbsolutePath());
        List<String> offenders = SourceTree.outside(SOURCES, ".java", SOCKET,
                file -> KIND_TEST.matcher(SourceTree.read(file)).find());
        assertEquals(List.of(), offenders, "tell the kinds apart with ListenSpec.match or a ListenSpec method");
    }

    @Test
    void theScanSeesAKindTest() throws IOException {
        // the socket package compares a spec with one of its own kind: the pattern must find that
        assertTrue(KIND_TEST.matcher(SourceTree.read(SOURCES.resolve(SOCKET + "UnixSpec.java"))).find());
        assertTrue(KIND_TEST.matcher("Object o = (UdpSpec) spec;").find());
    }
}
