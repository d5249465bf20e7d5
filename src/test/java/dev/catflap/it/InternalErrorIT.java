package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An internal error of the packaged catflap: its own exit status (70), one line, and a stack
 * trace only with CATFLAP_DEBUG set. The error is a real one, with no hook in catflap to provoke
 * it: JNA's native library cannot be found (as on a broken installation, or a machine the build
 * bundled none for), so the first system call fails with an UnsatisfiedLinkError. The user's own
 * CATFLAP_JAVA_OPTS come after the launcher's options, so their jna.boot.library.path wins; with
 * jna.nosys and jna.noclasspath JNA looks nowhere else.
 */
class InternalErrorIT {
    private static final String NO_JNA = "-Djna.boot.library.path=/nonexistent -Djna.nosys=true -Djna.noclasspath=true";
    private static final String LINE = "[catflap] internal error: java.lang.UnsatisfiedLinkError: Unable to locate JNA native support library";

    @TempDir
    Path temp;

    @BeforeEach
    void jvmMode() {
        assumeFalse(Catflap.isNative(), "CATFLAP_JAVA_OPTS and JNA's properties are JVM mode's");
    }

    @Test
    void anInternalErrorIsOneLineAndStatus70WithoutATrace() {
        Path ran = temp.resolve("ran");
        Catflap.Result result = Catflap.launcher().withoutEnv("CATFLAP_DEBUG").env("CATFLAP_JAVA_OPTS", NO_JNA)
                .run("-p", "0", "--", "touch", ran.toString());

        assertEquals(70, result.exit(), result.stderr());
        assertEquals(LINE + "\n", result.stderr());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(ran), "the command ran");
    }

    @Test
    void withCatflapDebugTheTraceFollows() {
        Path ran = temp.resolve("ran");
        Catflap.Result result = Catflap.launcher().env("CATFLAP_DEBUG", "1").env("CATFLAP_JAVA_OPTS", NO_JNA)
                .run("-p", "0", "--", "touch", ran.toString());

        assertEquals(70, result.exit(), result.stderr());
        List<String> lines = result.stderr().lines().toList();
        assertEquals(LINE, lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("[catflap]     at com.sun.jna.Native.")), result.stderr());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("[catflap]     at dev.catflap.cli.CatflapMain.run(")),
                result.stderr());
        assertTrue(lines.stream().allMatch(line -> line.startsWith("[catflap] ")), "every line catflap's: " + result.stderr());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(ran), "the command ran");
    }

    /** CATFLAP_DEBUG=0 (or empty) is as unset. */
    @Test
    void catflapDebugZeroIsNoTrace() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_DEBUG", "0").env("CATFLAP_JAVA_OPTS", NO_JNA)
                .run("-p", "0", "--", "true");

        assertEquals(70, result.exit(), result.stderr());
        assertEquals(LINE + "\n", result.stderr());
    }

    /** CATFLAP_DEBUG is catflap's own variable: not warned of as a CATFLAP_* no setting has, and it changes nothing else. */
    @Test
    void catflapDebugIsAKnownVariable() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_DEBUG", "1").run("-p", "0", "--", "sh", "-c", "echo ran");

        assertEquals(0, result.exit(), result.stderr());
        assertEquals("ran\n", result.stdout());
        assertFalse(result.stderr().contains("CATFLAP_DEBUG"), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] Listening at: "), result.stderr());
    }
}
