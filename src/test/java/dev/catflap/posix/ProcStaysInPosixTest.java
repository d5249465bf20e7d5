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
 * Linux's /proc is read in the posix package alone ({@link ProcFs}): the rest of catflap asks
 * posix, so the Linux ABI has one place and a fake can stand in for it. Checked in the sources
 * (a string that starts with /proc; comments may still name the files) and in the compiled
 * classes, whose constant pools hold every string they use.
 */
class ProcStaysInPosixTest {
    private static final String POSIX = "dev/catflap/posix/";
    private static final String PROC_SOURCE = "\"/proc";
    private static final byte[] PROC_CONSTANT = "/proc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void noSourceOutsidePosixWritesAProcPath() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources.resolve(POSIX)), "run from the project's directory: " + sources.toAbsolutePath());
        List<Path> all = files(sources, ".java");
        assertTrue(all.stream().anyMatch(file -> inPosix(sources, file) && read(file).contains(PROC_SOURCE)),
                "the scan finds posix's own /proc paths");
        List<String> offenders = all.stream().filter(file -> !inPosix(sources, file) && read(file).contains(PROC_SOURCE))
                .map(file -> sources.relativize(file).toString()).toList();
        assertEquals(List.of(), offenders, "write a /proc path outside " + POSIX);
    }

    @Test
    void noClassOutsidePosixHoldsAProcPath() throws IOException, URISyntaxException {
        Path classes = Path.of(Posix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> all = files(classes, ".class");
        assertTrue(mentionsProc(classes.resolve(POSIX + "LinuxProcFs.class")), "the scan finds posix's own /proc paths");
        assertFalse(mentionsProc(classes.resolve(POSIX + "ProcFs.class")), "the interface names no path");
        List<String> offenders = all.stream().filter(file -> !inPosix(classes, file) && mentionsProc(file))
                .map(file -> classes.relativize(file).toString()).toList();
        assertEquals(List.of(), offenders, "hold a /proc path outside " + POSIX);
    }

    private static boolean inPosix(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/').startsWith(POSIX);
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A string constant is stored whole in the constant pool, also one that a concatenation starts with. */
    private static boolean mentionsProc(Path classFile) {
        byte[] bytes = bytes(classFile);
        outer:
        for (int i = 0; i + PROC_CONSTANT.length <= bytes.length; i++) {
            for (int k = 0; k < PROC_CONSTANT.length; k++) {
                if (bytes[i + k] != PROC_CONSTANT[k]) {
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
