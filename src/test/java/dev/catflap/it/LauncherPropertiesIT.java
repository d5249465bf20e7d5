package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's side of the JVM's start, the catflap.* system properties, given by hand to
 * {@code java -jar}: what the launcher leaves empty is rebuilt, what no launcher writes is one line.
 */
class LauncherPropertiesIT {
    private static final Path JAR = Path.of(System.getProperty("catflap.jar", "target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path temp;

    @Test
    void aValueNoLauncherWritesStopsCatflapWithOneLineNamingIt() {
        Path ran = temp.resolve("ran");
        // an older launcher handed the environment over at a descriptor
        Catflap.Result result = viaJar(List.of("-Dcatflap.caller.environ=9"), "-p", "0", "--", "touch", ran.toString());
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] -Dcatflap.caller.environ=9 is not a variable name: start catflap with the launcher"
                + " it was built with (target/catflap)\n", result.stderr());
        assertEquals("", result.stdout());
        assertFalse(Files.exists(ran), "the command was run");
    }

    /** The launcher passes them empty where it could not read /proc/$$/status: catflap reads the JVM's state instead. */
    @Test
    void emptySignalSetsAreRebuiltLikeMissingOnes() {
        Path ran = temp.resolve("ran");
        Catflap.Result result = viaJar(List.of("-Dcatflap.caller.sigblk=", "-Dcatflap.caller.sigign="),
                "-q", "-p", "0", "--", "touch", ran.toString());
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(ran), "the command did not run: " + result.stderr());
    }

    private static Catflap.Result viaJar(List<String> properties, String... args) {
        assumeFalse(Catflap.isNative(), "java -jar needs the JVM build");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return Catflap.launcher().runDirectly(command);
    }
}
