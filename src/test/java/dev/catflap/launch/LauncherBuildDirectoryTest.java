package dev.catflap.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build writes its own directory into the launcher script (@launcher.dir@, inside '...'), so
 * that a start needs no readlink: a build directory with a ' in its name (a clone in "it's") must
 * still give a script sh can read. This applies the pom's rule for that word to such a name and
 * asks sh to parse the result.
 */
class LauncherBuildDirectoryTest {
    private static final Path LAUNCHER = Path.of("src/main/launcher/catflap");
    private static final Path POM = Path.of("pom.xml");
    private static final Pattern FILTER = Pattern.compile("<filter token=\"launcher.dir\" value=\"\\$\\{([^}]+)}\"/>");
    private static final Pattern QUOTING = Pattern.compile(
            "<loadresource property=\"([^\"]+)\">\\s*<string value=\"\\$\\{project.build.directory}\"/>.*?"
                    + "<replacestring from=\"'\" to=\"([^\"]+)\"/>", Pattern.DOTALL);

    @Test
    void aBuildDirectoryWithAQuoteGivesAScriptShCanRead(@TempDir Path temp) throws IOException, InterruptedException {
        String pom = Files.readString(POM);
        Matcher filter = FILTER.matcher(pom);
        assertTrue(filter.find(), "the pom fills @launcher.dir@");
        String directory = "/home/me/it's here/target";
        String written = written(pom, filter.group(1), directory);
        Path script = temp.resolve("catflap");
        Files.writeString(script, Files.readString(LAUNCHER).replace("@launcher.dir@", written));
        Process sh = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(sh.getInputStream().readAllBytes());
        assertEquals(0, sh.waitFor(), output);
        assertTrue(Files.readString(script).contains("here='/home/me/it'\\''s here/target'"), "the directory as sh reads it");
    }

    /** What the build writes for {@code directory}: the property the filter takes, made by the pom's rule. */
    private static String written(String pom, String property, String directory) {
        if (property.equals("project.build.directory")) {
            return directory; // written as it is
        }
        Matcher quoting = QUOTING.matcher(pom);
        assertTrue(quoting.find() && quoting.group(1).equals(property), "the pom makes " + property);
        return directory.replace("'", quoting.group(2));
    }
}
