package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JNA is known to the posix package alone: everything above it sees Java types and posix's
 * interfaces, and can be tested with fakes. Checked twice: in the sources (an import, or a name
 * written out) and in the compiled classes, whose constant pools name every type they use.
 */
class JnaStaysInPosixTest {
    private static final String POSIX = "dev/catflap/posix/";
    private static final String JNA_SOURCE = "com.sun.jna";
    private static final byte[] JNA_CLASS = "com/sun/jna".getBytes(StandardCharsets.US_ASCII);

    @Test
    void noSourceOutsidePosixNamesJna() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources.resolve(POSIX)), "run from the project's directory: " + sources.toAbsolutePath());
        List<String> offenders = files(sources, ".java").stream()
                .filter(file -> !inPosix(sources, file) && read(file).contains(JNA_SOURCE))
                .map(file -> sources.relativize(file).toString()).toList();
        assertEquals(List.of(), offenders, "name com.sun.jna outside " + POSIX);
    }

    @Test
    void noClassOutsidePosixUsesJna() throws IOException, URISyntaxException {
        Path classes = Path.of(Posix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> all = files(classes, ".class");
        assertTrue(all.stream().anyMatch(file -> inPosix(classes, file) && mentionsJna(file)), "the scan finds posix's own use of JNA");
        List<String> offenders = all.stream().filter(file -> !inPosix(classes, file) && mentionsJna(file))
                .map(file -> classes.relativize(file).toString()).toList();
        assertEquals(List.of(), offenders, "use com.sun.jna outside " + POSIX);
    }

    @Test
    void theScanSeesAClassThatUsesJna() throws IOException, URISyntaxException {
        Path classes = Path.of(Posix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(mentionsJna(classes.resolve(POSIX + "LibcSockets.class")));
        assertFalse(mentionsJna(classes.resolve(POSIX + "Sockets.class")), "an interface of posix's API is JNA-free");
    }

    private static boolean inPosix(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/').startsWith(POSIX);
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A class's constant pool holds each type it refers to as a UTF-8 string: com/sun/jna/Memory, (Lcom/sun/jna/Pointer;)I. */
    private static boolean mentionsJna(Path classFile) {
        byte[] bytes = bytes(classFile);
        outer:
        for (int i = 0; i + JNA_CLASS.length <= bytes.length; i++) {
            for (int k = 0; k < JNA_CLASS.length; k++) {
                if (bytes[i + k] != JNA_CLASS[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String read(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(file + " cannot be read", e);
        }
    }
}
