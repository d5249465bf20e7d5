package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A settings file in a directory its group may write to (2775, as a team's shared checkout): another
 * member, nobody here, flips its name in a loop (src/test/resources/flipper.py): the file renamed
 * away, a link of theirs to a file of root's put in its place, the file renamed back. catflap must
 * never obey the linked file, whose command would run as the user; where it opens the link, it
 * ignores it as another user's. Run as root (as CI does), at least 60 times per file, and the
 * attacker must have been seen: a race that never ran proves nothing.
 */
class SettingsFileRaceIT {
    private static final int RUNS = 80;
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final int TEAM = 4242;
    private static final String PROJECT = ".catflap.properties";
    private static final String LOCAL = ".catflap.local.properties";

    @ParameterizedTest
    @ValueSource(strings = {PROJECT, LOCAL})
    void anotherMembersLinkToRootsFileIsNeverObeyed(String flipped) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to act as two users");
        Path base = SharedDirectory.create("catflap-flip").getParent();
        try {
            Path pwned = base.resolve("pwned-ran");
            Path roots = directory(base.resolve("roots"), 0755);
            Path evil = Files.writeString(roots.resolve("other.properties"), "catflap.command=touch " + pwned + "\n");
            Path project = directory(base.resolve("project"), 02775);
            Files.setAttribute(project, "unix:gid", TEAM);
            Files.setAttribute(project, "unix:mode", 02775); // chown takes the setgid bit off
            Files.writeString(project.resolve(PROJECT), "catflap.quiet=true\ncatflap.command=true\n");
            if (flipped.equals(LOCAL)) {
                Files.writeString(project.resolve(LOCAL), "catflap.quiet=true\n");
            }
            Catflap catflap = Catflap.launcher().in(project).env("HOME", base.resolve("home").toString())
                    .env("XDG_CONFIG_HOME", base.resolve("xdg").toString());
            catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
            List<String> attacker = new ArrayList<>(Catflap.AS_NOBODY);
            attacker.set(attacker.indexOf("--clear-groups"), "--groups=" + TEAM);
            attacker.addAll(List.of("python3", Path.of("target/test-classes/flipper.py").toAbsolutePath().toString(),
                    project.toString(), flipped, evil.toString(), "600"));
            int linksSeen = 0;
            List<String> outcomes = new ArrayList<>();
            // the system's python3: nobody cannot reach one under root's home (pyenv)
            try (Catflap.Running flipper = Catflap.launcher().env("PATH", SYSTEM_PATH).startDirectly(attacker)) {
                flipper.awaitStdout("ready");
                for (int run = 0; run < RUNS; run++) {
                    Catflap.Result result = catflap.run("-p", "0");
                    assertFalse(Files.exists(pwned), "run " + run + " obeyed the linked file of root's: " + result.stderr());
                    assertFalse(result.stderr().contains("internal error"), result.stderr());
                    assertFalse(result.stderr().contains("belongs to user root"), "a misleading reason: " + result.stderr());
                    assertTrue(Set.of(0, 1, 2).contains(result.exit()), result.exit() + ": " + result.stderr());
                    if (result.stderr().contains(": it is a link that belongs to user nobody, not to you or root")) {
                        linksSeen++;
                    }
                    outcomes.add(result.exit() + " " + result.stderr().lines().findFirst().orElse(""));
                }
                flipper.signal("TERM");
                String flips = flipper.await().stdout();
                assertTrue(linksSeen > 0, "the attacker never won a race (" + flips.strip() + "): " + outcomes);
                System.out.println(flipped + ": " + linksSeen + " of " + RUNS + " runs saw the link and ignored it; " + flips.strip());
            }
            assertTrue(Files.isRegularFile(project.resolve(flipped)), "the flipper put the file back");
        } finally {
            SharedDirectory.deleteTree(base);
        }
    }

    private static Path directory(Path path, int mode) throws IOException {
        Files.createDirectories(path);
        Files.setAttribute(path, "unix:mode", mode);
        return path;
    }
}
