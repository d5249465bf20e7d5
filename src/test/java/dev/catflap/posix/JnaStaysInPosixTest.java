package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.SourceTree;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JNA is known to the posix package alone: everything above it sees Java types and posix's
 * interfaces, and can be tested with fakes. Checked twice: in the sources (an import, or a name
 * written out) and in the compiled classes, whose constant pools name every type they use.
 */
class JnaStaysInPosixTest {
    private static final String POSIX = "dev/catflap/posix/";
    private static final String JNA_SOURCE = "com.sun.jna";
    /** A class's constant pool holds each type it refers to as a UTF-8 string: com/sun/jna/Memory, (Lcom/sun/jna/Pointer;)I. */
    private static final String JNA_CLASS = "com/sun/jna";

    @Test
    void noSourceOutsidePosixNamesJna() throws IOException {
        Path sources = SourceTree.SOURCES;
        assertTrue(Files.isDirectory(sources.resolve(POSIX)), "run from the project's directory: " + sources.toAbsolutePath());
        List<String> offenders = SourceTree.outside(sources, ".java", POSIX, file -> SourceTree.read(file).contains(JNA_SOURCE));
        assertEquals(List.of(), offenders, "name com.sun.jna outside " + POSIX);
    }

    @Test
    void noClassOutsidePosixUsesJna() throws IOException, URISyntaxException {
        Path classes = SourceTree.classes();
        assertTrue(SourceTree.files(classes, ".class").stream()
                .anyMatch(file -> SourceTree.inPackage(classes, file, POSIX) && SourceTree.holds(file, JNA_CLASS)),
                "the scan finds posix's own use of JNA");
        List<String> offenders = SourceTree.outside(classes, ".class", POSIX, file -> SourceTree.holds(file, JNA_CLASS));
        assertEquals(List.of(), offenders, "use com.sun.jna outside " + POSIX);
    }

    @Test
    void theScanSeesAClassThatUsesJna() throws URISyntaxException {
        Path classes = SourceTree.classes();
        assertTrue(SourceTree.holds(classes.resolve(POSIX + "LibcSockets.class"), JNA_CLASS));
        assertFalse(SourceTree.holds(classes.resolve(POSIX + "Sockets.class"), JNA_CLASS), "an interface of posix's API is JNA-free");
    }
}
