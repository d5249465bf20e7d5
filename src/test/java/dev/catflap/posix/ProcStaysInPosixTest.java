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
 * Linux's /proc is read in the posix package alone ({@link ProcFs}): the rest of catflap asks
 * posix, so the Linux ABI has one place and a fake can stand in for it. Checked in the sources
 * (a string that starts with /proc; comments may still name the files) and in the compiled
 * classes, whose constant pools hold every string they use.
 */
class ProcStaysInPosixTest {
    private static final String POSIX = "dev/catflap/posix/";
    private static final String PROC_SOURCE = "\"/proc";
    /** A string constant is stored whole in the constant pool, also one that a concatenation starts with. */
    private static final String PROC_CONSTANT = "/proc";

    @Test
    void noSourceOutsidePosixWritesAProcPath() throws IOException {
        Path sources = SourceTree.SOURCES;
        assertTrue(Files.isDirectory(sources.resolve(POSIX)), "run from the project's directory: " + sources.toAbsolutePath());
        assertTrue(SourceTree.files(sources, ".java").stream()
                .anyMatch(file -> SourceTree.inPackage(sources, file, POSIX) && SourceTree.read(file).contains(PROC_SOURCE)),
                "the scan finds posix's own /proc paths");
        List<String> offenders = SourceTree.outside(sources, ".java", POSIX, file -> SourceTree.read(file).contains(PROC_SOURCE));
        assertEquals(List.of(), offenders, "write a /proc path outside " + POSIX);
    }

    @Test
    void noClassOutsidePosixHoldsAProcPath() throws IOException, URISyntaxException {
        Path classes = SourceTree.classes();
        assertTrue(SourceTree.holds(classes.resolve(POSIX + "LinuxProcFs.class"), PROC_CONSTANT), "the scan finds posix's own /proc paths");
        assertFalse(SourceTree.holds(classes.resolve(POSIX + "ProcFs.class"), PROC_CONSTANT), "the interface names no path");
        List<String> offenders = SourceTree.outside(classes, ".class", POSIX, file -> SourceTree.holds(file, PROC_CONSTANT));
        assertEquals(List.of(), offenders, "hold a /proc path outside " + POSIX);
    }
}
