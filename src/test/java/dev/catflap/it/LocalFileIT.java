package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A developer's .catflap.local.properties beside the team's .catflap.properties: above the team
 * file, below variables and options, found from any subdirectory, judged as the team file is.
 */
class LocalFileIT {
    private static final int NOBODY = 65534;
    private static final List<String> VARIABLES = List.of("FROM_FLAG", "FROM_ENV", "FROM_LOCAL", "FROM_PROJECT", "LISTEN_FD");

    @TempDir
    Path temp;
    Path home;
    Path project;
    Path nested;

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        project = Files.createDirectories(temp.resolve("project"));
        nested = Files.createDirectories(project.resolve("tests/unit"));
    }

    @Test
    void theLocalFileOverridesTheTeamFileFromASubdirectory() throws IOException {
        Files.writeString(project.resolve(".catflap.properties"), "catflap.env=FROM_PROJECT\ncatflap.quiet=true\n");
        Files.writeString(project.resolve(".catflap.local.properties"), "catflap.env=FROM_LOCAL\n");
        Catflap.Result result = catflap(nested).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of("FROM_LOCAL"), variablesAtFd3(result));
        assertEquals("", result.stderr(), "the team file's other settings still count");
    }

    @Test
    void anOptionAndAVariableBeatTheLocalFile() throws IOException {
        Files.writeString(project.resolve(".catflap.properties"), "catflap.env=FROM_PROJECT\n");
        Files.writeString(project.resolve(".catflap.local.properties"), "catflap.env=FROM_LOCAL\n");
        Catflap.Result alone = catflap(nested).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(List.of("FROM_LOCAL"), variablesAtFd3(alone), "the local file is read: " + alone.stderr());
        Catflap.Result flag = catflap(nested).run(CoreIT.args(List.of("-p", "0", "-e", "FROM_FLAG"), Catflap.probe("report")));
        assertEquals(List.of("FROM_FLAG"), variablesAtFd3(flag));
        Catflap.Result variable = catflap(nested).env("CATFLAP_ENV", "FROM_ENV")
                .run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(List.of("FROM_ENV"), variablesAtFd3(variable));
    }

    @Test
    void showConfigNamesTheLocalFile() throws IOException {
        Files.writeString(project.resolve(".catflap.properties"), "catflap.port=9001\ncatflap.grace=7\n");
        Path local = Files.writeString(project.resolve(".catflap.local.properties"), "catflap.port=0\n");
        Catflap.Result result = catflap(nested).run("--show-config");
        assertEquals(0, result.exit(), result.stderr());
        List<String> lines = result.stdout().lines().toList();
        assertRow(lines, "catflap.port", "0", local.toString());
        assertRow(lines, "catflap.grace", "7", project.resolve(".catflap.properties").toString());
        assertTrue(lines.contains("local file:   " + local), result.stdout());
    }

    @Test
    void aFifoUnderItsNameIsRefusedAtOnce() throws IOException, InterruptedException {
        Files.writeString(project.resolve(".catflap.properties"), "catflap.env=FROM_PROJECT\n");
        Path fifo = project.resolve(".catflap.local.properties");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        try (Catflap.Running running = catflap(nested).start(List.of("-p", "0", "touch", "ran"))) {
            if (!running.process().waitFor(20, TimeUnit.SECONDS)) {
                fail("catflap waited on the FIFO; stderr: " + running.stderr());
            }
            Catflap.Result result = running.await();
            assertEquals(2, result.exit(), result.stderr());
            assertEquals("[catflap] " + fifo + ": a FIFO, not a regular file\n", result.stderr());
            assertFalse(Files.exists(nested.resolve("ran")), "the command must not run");
        }
    }

    /** A member of the project directory's group writes a local file: it is theirs, so ignored. */
    @Test
    void aLocalFileOfAnotherUserIsIgnoredWithAWarning() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "needs root, to be another user than nobody");
        Path shared = SharedDirectory.create("catflap-local");
        Path base = shared.getParent();
        try {
            Path team = Files.createDirectory(base.resolve("team"));
            Files.setAttribute(team, "unix:gid", NOBODY);
            Files.setAttribute(team, "unix:mode", 02775);
            Files.writeString(team.resolve(".catflap.properties"), "catflap.env=FROM_PROJECT\n");
            Path local = team.resolve(".catflap.local.properties");
            Process write = new ProcessBuilder(asNobody("sh", "-c", "echo catflap.env=FROM_LOCAL > " + local)).inheritIO().start();
            assertEquals(0, write.waitFor());
            assertEquals(NOBODY, Files.getAttribute(local, "unix:uid"), "nobody wrote it");
            Path below = Files.createDirectories(team.resolve("tests"));
            Catflap.Result result = catflap(below).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
            assertEquals(0, result.exit(), result.stderr());
            assertTrue(result.stderr().startsWith("[catflap] warning: ignoring the local file " + local
                    + ": it belongs to user nobody, not to you or root\n"), result.stderr());
            assertEquals(List.of("FROM_PROJECT"), variablesAtFd3(result));
        } finally {
            SharedDirectory.deleteTree(base);
        }
    }

    private Catflap catflap(Path directory) {
        Catflap catflap = Catflap.launcher().in(directory).env("HOME", home.toString()).env("XDG_CONFIG_HOME", home.toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }

    private static List<String> asNobody(String... command) {
        List<String> all = new ArrayList<>(Catflap.AS_NOBODY);
        all.addAll(List.of(command));
        return all;
    }

    private static List<String> variablesAtFd3(Catflap.Result result) {
        List<String> names = new ArrayList<>();
        for (byte[] entry : ProbeReport.parse(result.stdout()).environ()) {
            String text = new String(entry, StandardCharsets.UTF_8);
            if (text.endsWith("=3") && VARIABLES.contains(text.substring(0, text.length() - 2))) {
                names.add(text.substring(0, text.length() - 2));
            }
        }
        return names;
    }

    private static void assertRow(List<String> lines, String key, String value, String origin) {
        Pattern row = Pattern.compile(Pattern.quote(key) + " +" + Pattern.quote(value) + " +" + Pattern.quote(origin));
        assertTrue(lines.stream().anyMatch(line -> row.matcher(line).matches()), key + " row in:\n" + String.join("\n", lines));
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
