package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher (target/catflap) on a system catflap does not support: one line that says what this
 * system is and what catflap runs on, status 1, and the command not run. On the supported ones it
 * goes on as ever. The launcher asks Linux's /proc/sys/kernel/ostype and arch (no program started),
 * else {@code uname -sm}: each test runs catflap in a mount namespace of its own (unshare, as root)
 * where those files say what the test wants, or are gone and a fake uname first on PATH answers.
 */
class LauncherPlatformIT {
    @TempDir
    Path temp;

    @BeforeEach
    void jvmModeAsRoot() {
        assumeFalse(Catflap.isNative(), "the launcher script is JVM mode's");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to mount in a namespace of its own");
    }

    @ParameterizedTest
    @CsvSource({"Darwin arm64, false", "FreeBSD amd64, false", "Linux riscv64, true", "Linux riscv64, false", "Linux armv7l, true",
        "Linux i686, true", "Linux i686, false"})
    void anUnsupportedSystemIsRefusedInOneLine(String system, boolean procTells) throws IOException {
        Path ran = temp.resolve("ran");
        Catflap.Result result = runOn(system, procTells, List.of("-p", "0", "--", "touch", ran.toString()));
        assertEquals("[catflap] this system is " + system
                + "; catflap runs only on Linux on x86-64 or aarch64 (with glibc)\n", result.stderr());
        assertEquals(1, result.exit());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(ran), "the command must not run");
    }

    @ParameterizedTest
    @CsvSource({"Linux x86_64, true", "Linux x86_64, false", "Linux aarch64, true", "Linux aarch64, false"})
    void aSupportedSystemRunsTheCommand(String system, boolean procTells) throws IOException {
        Path ran = temp.resolve("ran");
        Catflap.Result result = runOn(system, procTells, List.of("-q", "-p", "0", "--", "touch", ran.toString()));
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(ran), "the command runs");
    }

    /**
     * catflap with {@code args} where /proc/sys/kernel's ostype and arch say {@code system}
     * ({@code procTells}), or where they are gone (an older kernel, another system) and a uname on
     * PATH answers {@code -sm} with it; a uname that says otherwise where /proc tells.
     */
    private Catflap.Result runOn(String system, boolean procTells, List<String> args) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path uname = bin.resolve("uname");
        Files.writeString(uname, "#!/bin/sh\necho '" + (procTells ? "Plan9 mips" : system) + "'\n");
        Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ostype = Files.writeString(temp.resolve("ostype"), system.substring(0, system.indexOf(' ')) + "\n");
        Path arch = Files.writeString(temp.resolve("arch"), system.substring(system.indexOf(' ') + 1) + "\n");
        String mounts = procTells ? "mount --bind \"$1\" /proc/sys/kernel/ostype && mount --bind \"$2\" /proc/sys/kernel/arch"
                : "mount -t tmpfs none /proc/sys/kernel";
        Catflap catflap = Catflap.launcher();
        List<String> line = new ArrayList<>(List.of("unshare", "-m", "sh", "-c", mounts + " && shift 2 && exec \"$@\"", "sh",
                ostype.toString(), arch.toString()));
        line.addAll(catflap.commandLine(args));
        return catflap.env("PATH", bin + ":" + catflap.environment().getOrDefault("PATH", "/usr/bin:/bin")).runDirectly(line);
    }
}
