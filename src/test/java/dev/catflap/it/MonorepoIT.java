package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monorepo rule (issue 23, finding 9): the nearest .catflap.properties is the project file, and
 * a farther one (the repository root's) is not read at all, as npm reads the nearest package.json;
 * {@code --show-config} names the farther one as not read, having looked only at whether it exists.
 * And "no command given" names the file that was read and gave none.
 */
class MonorepoIT {
    @TempDir
    Path temp;
    Path root;
    Path api;
    Path below;
    Path home;

    @BeforeEach
    void monorepo() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        root = Files.createDirectories(home.resolve("monorepo")).toRealPath();
        Files.createDirectories(root.resolve(".git"));
        api = Files.createDirectories(root.resolve("services/api"));
        below = Files.createDirectories(api.resolve("tests"));
        Files.writeString(root.resolve(".catflap.properties"), """
                catflap.port=0
                catflap.grace=2
                catflap.command=touch root-command-ran
                """);
        Files.writeString(api.resolve(".catflap.properties"), "catflap.port=0\ncatflap.quiet=true\n");
    }

    private Catflap inApiTests() {
        Catflap catflap = Catflap.launcher().in(below).env("HOME", home.toString())
                .env("XDG_CONFIG_HOME", home.resolve(".config").toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }

    @Test
    void theNearestFileReplacesTheRootsAndShowConfigNamesTheOneNotRead() {
        Catflap.Result result = inApiTests().run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        String out = result.stdout();
        assertTrue(out.contains("\nproject file: " + api.resolve(".catflap.properties") + "\n"), out);
        assertTrue(out.contains("\nnot read:     " + root.resolve(".catflap.properties")
                + " (farther up: only the nearest project file is read)\n"), out);
        assertTrue(Pattern.compile("(?m)^catflap\\.grace +5 +default$").matcher(out).find(), "the root's grace is not taken: " + out);
        assertTrue(Pattern.compile("(?m)^catflap\\.command +\\(not set\\) +default$").matcher(out).find(), out);

        Catflap.Result fromRoot = inApiTests().in(root).run("--show-config");
        assertEquals(0, fromRoot.exit(), fromRoot.stderr());
        assertTrue(fromRoot.stdout().contains("\nproject file: " + root.resolve(".catflap.properties") + "\n"), fromRoot.stdout());
        assertFalse(fromRoot.stdout().contains("not read:"), "from the root, its file is the nearest: " + fromRoot.stdout());
    }

    /** The root's command does not run, and the error names the file that was read. */
    @Test
    void noCommandNamesTheNearestFileWhichSetsNone() {
        Catflap.Result result = inApiTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] no command given: none after the options, and " + api.resolve(".catflap.properties")
                + " sets no catflap.command", result.stderr().lines().findFirst().orElseThrow(), result.stderr());
        assertFalse(Files.exists(below.resolve("root-command-ran")) || Files.exists(root.resolve("root-command-ran")));
    }

    @Test
    void noCommandNamesTheLocalFileToo() throws IOException {
        Files.writeString(api.resolve(".catflap.local.properties"), "catflap.port=0\n");
        Catflap.Result result = inApiTests().run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] no command given: none after the options, and neither " + api.resolve(".catflap.properties")
                + " nor " + api.resolve(".catflap.local.properties") + " sets catflap.command",
                result.stderr().lines().findFirst().orElseThrow(), result.stderr());
    }

    /** A file that sets a command unset by a higher source: the error says which source, not that the file has none. */
    @Test
    void noCommandNamesWhatUnsetIt() {
        Catflap.Result result = inApiTests().env("CATFLAP_COMMAND", "").in(root).run();
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] no command given: none after the options, and catflap.command is unset by CATFLAP_COMMAND=",
                result.stderr().lines().findFirst().orElseThrow(), result.stderr());
    }

    /**
     * The farther file is never read, nor judged: one that another user owns and that is not even
     * UTF-8 draws no warning and no error; --show-config only names it.
     */
    @Test
    void theFartherFileIsNeverRead() throws IOException {
        Path farther = root.resolve(".catflap.properties");
        Files.write(farther, new byte[] {'c', 'a', 't', (byte) 0xff, '=', '\n'});
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (asRoot) {
            Files.setAttribute(farther, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        }
        Catflap.Result result = inApiTests().run(List.of("--show-config"));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stderr());
        assertTrue(result.stdout().contains("\nnot read:     " + farther + " (farther up"), result.stdout());
    }
}
