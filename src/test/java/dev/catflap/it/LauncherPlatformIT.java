package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher (target/catflap) on a system catflap does not support, as {@code uname -sm} reports
 * it (a fake uname first on PATH): one line that says what this system is and what catflap runs
 * on, status 1, and the command not run. On the supported ones it goes on as ever.
 */
class LauncherPlatformIT {
    @TempDir
    Path temp;

    @BeforeEach
    void jvmMode() {
        assumeFalse(Catflap.isNative(), "the launcher script is JVM mode's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Darwin arm64", "FreeBSD amd64", "Linux riscv64", "Linux armv7l", "Linux i686"})
    void anUnsupportedSystemIsRefusedInOneLine(String system) throws IOException {
        Path ran = temp.resolve("ran");
        Catflap.Result result = withUname(system).run("-p", "0", "--", "touch", ran.toString());
        assertEquals("[catflap] this system is " + system
                + "; catflap runs only on Linux on x86-64 or aarch64 (with glibc)\n", result.stderr());
        assertEquals(1, result.exit());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(ran), "the command must not run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Linux x86_64", "Linux aarch64"})
    void aSupportedSystemRunsTheCommand(String system) throws IOException {
        Path ran = temp.resolve("ran");
        Catflap.Result result = withUname(system).run("-q", "-p", "0", "--", "touch", ran.toString());
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(ran), "the command runs");
    }

    /** catflap with a uname on PATH that answers {@code -sm} with {@code system}. */
    private Catflap withUname(String system) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path uname = bin.resolve("uname");
        Files.writeString(uname, "#!/bin/sh\necho '" + system + "'\n");
        Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
        Catflap catflap = Catflap.launcher();
        return catflap.env("PATH", bin + ":" + catflap.environment().getOrDefault("PATH", "/usr/bin:/bin"));
    }
}
