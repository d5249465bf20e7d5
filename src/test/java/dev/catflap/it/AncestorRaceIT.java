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
 * The project directory the search walks up to, in a directory its group may rename entries in
 * (2775, as a team's shared area): another member, nobody here, swaps the project directory's name
 * with a link of theirs to a directory of root's and back, in a loop (src/test/resources/relinker.py,
 * renameat2 RENAME_EXCHANGE: what renaming away, planting the link and renaming back does, faster). The developer runs catflap in the project's subdirectory. The
 * root-owned directory's settings choose a command of the attacker's: catflap must never run it,
 * neither through the project file nor through the local file beside it. Where the search saw the
 * link, catflap says the directory changed, which shows the race really ran. Run as root (as CI
 * does), at least 60 times per file.
 */
class AncestorRaceIT {
    private static final int RUNS = 100;
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final int TEAM = 4242;
    private static final String PROJECT = ".catflap.properties";
    private static final String LOCAL = ".catflap.local.properties";

    @ParameterizedTest
    @ValueSource(strings = {PROJECT, LOCAL})
    void aLinkPutInPlaceOfTheProjectDirectoryIsNeverFollowed(String evilFile) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to act as two users");
        Path base = SharedDirectory.create("catflap-relink").getParent();
        try {
            Path pwned = base.resolve("pwned-ran");
            Path team = directory(base.resolve("team"), 02775);
            Files.setAttribute(team, "unix:gid", TEAM);
            Files.setAttribute(team, "unix:mode", 02775); // chown takes the setgid bit off
            Path project = directory(team.resolve("proj"), 0755);
            Path tests = directory(project.resolve("tests"), 0755);
            Files.writeString(project.resolve(PROJECT), "catflap.quiet=true\ncatflap.command=true\n");
            Files.writeString(project.resolve(LOCAL), "catflap.quiet=true\n");
            // root's own directory, with no tests/ in it: only the search's walk up can reach it
            Path other = directory(base.resolve("other"), 0755);
            Files.writeString(other.resolve(PROJECT), "catflap.quiet=true\ncatflap.command=true\n");
            Files.writeString(other.resolve(LOCAL), "catflap.quiet=true\n");
            Files.writeString(other.resolve(evilFile), "catflap.quiet=true\ncatflap.command=touch " + pwned + "\n");
            List<String> attacker = new ArrayList<>(Catflap.AS_NOBODY);
            attacker.set(attacker.indexOf("--clear-groups"), "--groups=" + TEAM);
            attacker.addAll(List.of("python3", Path.of("target/test-classes/relinker.py").toAbsolutePath().toString(),
                    team.toString(), "proj", other.toString(), "600"));
            int changedSeen = 0;
            List<String> outcomes = new ArrayList<>();
            // The developer's shell sits in tests/ (sleep stands in for it), and catflap inherits
            // that very directory through /proc, as a child of the shell would, never by its name.
            try (Catflap.Running shell = Catflap.launcher().in(tests).startDirectly(List.of("sleep", "600"));
                    Catflap.Running relinker = Catflap.launcher().env("PATH", SYSTEM_PATH).startDirectly(attacker)) {
                Catflap catflap = Catflap.launcher().in(Path.of("/proc", Long.toString(shell.pid()), "cwd"))
                        .env("HOME", base.resolve("home").toString()).env("XDG_CONFIG_HOME", base.resolve("xdg").toString());
                catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
                relinker.awaitStdout("ready");
                for (int run = 0; run < RUNS; run++) {
                    Catflap.Result result = catflap.run("-p", "0");
                    assertFalse(Files.exists(pwned), "run " + run + " obeyed " + other.resolve(evilFile) + ": " + result.stderr());
                    assertFalse(result.stderr().contains("internal error"), result.stderr());
                    assertTrue(Set.of(0, 1, 2).contains(result.exit()), result.exit() + ": " + result.stderr());
                    if (result.stderr().contains(" changed while catflap read it")) {
                        changedSeen++;
                    }
                    outcomes.add(result.exit() + " " + result.stderr().lines().findFirst().orElse(""));
                }
                relinker.signal("TERM");
                String swaps = relinker.await().stdout();
                assertTrue(changedSeen > 0, "the attacker never won a race (" + swaps.strip() + "): " + outcomes);
                System.out.println(evilFile + ": " + changedSeen + " of " + RUNS + " runs saw the project directory changed; "
                        + swaps.strip());
            }
            assertTrue(Files.isDirectory(project.resolve("tests")), "the relinker put the directory back");
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
