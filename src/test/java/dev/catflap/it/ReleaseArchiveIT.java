package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive (target/catflap-VERSION.tar.gz) as a user installs it: unpacked into a
 * directory whose name has a space and a quote, run as {@code catflap} through a link on PATH,
 * from another directory, on the JDK that JAVA_HOME or PATH names rather than the one that built it.
 */
class ReleaseArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("catflap.release.archive", "target/catflap.tar.gz"));
    /** Another JDK than the build's (Temurin 25 in CI): Debian's 17. */
    private static final Path OTHER_JDK = Path.of(System.getProperty("catflap.other.jdk", "/usr/lib/jvm/java-17-openjdk-amd64"));

    @TempDir
    static Path temp;
    private static Path bin;
    private static Path prefix;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        assumeFalse(Catflap.isNative(), "the release archive is JVM mode's");
        Path into = Files.createDirectory(temp.resolve("my tools' dir"));
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar: " + said);
        try (var top = Files.list(into)) {
            prefix = top.findFirst().orElseThrow();
        }
        bin = Files.createDirectory(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("catflap"), prefix.resolve("bin/catflap"));
    }

    @Test
    void holdsTheProgramItsPagesAndItsLicense() {
        for (String file : List.of("bin/catflap", "lib/catflap/lib/launcher/catflap.jar", "share/man/man1/catflap.1",
                "share/bash-completion/completions/catflap", "share/zsh/site-functions/_catflap", "LICENSE", "README.md")) {
            assertTrue(Files.isRegularFile(prefix.resolve(file)), file + " in " + ARCHIVE);
        }
        assertTrue(Files.isExecutable(prefix.resolve("bin/catflap")));
        assertTrue(prefix.getFileName().toString().startsWith("catflap-"), prefix.toString());
    }

    @Test
    void runsThroughALinkOnPathOnTheJdkOfJavaHome() throws IOException {
        assumeOtherJdk();
        Path elsewhere = Files.createTempDirectory(temp, "elsewhere");
        Catflap.Result result = byName(elsewhere).env("JAVA_HOME", OTHER_JDK.toString())
                .env("PATH", bin + ":/usr/bin:/bin").env("CATFLAP_JAVA_OPTS", "-XshowSettings:properties")
                .runDirectly(shellRunning(List.of("-q", "-p", "0", "--"), Catflap.probe("report")));
        assertCommandGotTheSocket(result);
        assertRanOn(OTHER_JDK, result);
    }

    @Test
    void runsOnTheJavaOnPathWithoutJavaHome() throws IOException {
        assumeOtherJdk();
        // PATH's java the only one, a link as Debian's /usr/bin/java is: not the JDK that built catflap.
        Path javaBin = Files.createDirectory(Files.createTempDirectory(temp, "path").resolve("bin"));
        Files.createSymbolicLink(javaBin.resolve("java"), OTHER_JDK.resolve("bin/java"));
        Catflap.Result result = byName(temp).withoutEnv("JAVA_HOME")
                .env("PATH", bin + ":" + javaBin + ":/usr/bin:/bin").env("CATFLAP_JAVA_OPTS", "-XshowSettings:properties")
                .runDirectly(shellRunning(List.of("-q", "-p", "0", "--"), Catflap.probe("report")));
        assertCommandGotTheSocket(result);
        assertRanOn(OTHER_JDK, result);
    }

    @Test
    void noJavaAnywhereSaysSoInOneLine() throws IOException {
        // Only the tools the launcher runs, no java: and the build's JDK is not looked for.
        Path tools = Files.createDirectory(Files.createTempDirectory(temp, "nojava").resolve("bin"));
        for (String tool : List.of("readlink", "env", "uname", "base64", "sh")) {
            Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Catflap.Result result = byName(temp).withoutEnv("JAVA_HOME").env("PATH", bin + ":" + tools)
                .runDirectly(shellRunning(List.of("-p", "0", "--", "/bin/true"), List.of()));
        assertEquals("[catflap] no java on PATH: catflap needs a JDK 17 or later; set JAVA_HOME to one\n", result.stderr());
        assertEquals(1, result.exit());
    }

    @Test
    void javaHomeWithoutJavaSaysSoInOneLine() {
        Catflap.Result result = byName(temp).env("JAVA_HOME", "/nonexistent/jdk").env("PATH", bin + ":/usr/bin:/bin")
                .runDirectly(shellRunning(List.of("-p", "0", "--", "/bin/true"), List.of()));
        assertEquals("[catflap] no java at /nonexistent/jdk/bin/java (JAVA_HOME): catflap needs a JDK 17 or later; "
                + "set JAVA_HOME to one\n", result.stderr());
        assertEquals(1, result.exit());
    }

    @Test
    void zshCompletesFromTheArchivesFunctionDirectory() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed: skipping its completion test (.ci/run installs it)");
        // A real completion: an interactive zsh on a pseudo-terminal (zpty) with the archive's
        // share/zsh/site-functions on its fpath and compinit, typing catflap --sys and TAB.
        Path home = Files.createTempDirectory(temp, "zsh-home");
        String script = """
                zmodload zsh/zpty
                zpty z "HOME=${(q)2} PS1='> ' TERM=dumb zsh -f -i"
                zpty -w z "fpath=(${(q)1} \\$fpath); autoload -U compinit; compinit -u -D; echo READY"
                zpty -r -m z out '*READY*READY*'
                zpty -w -n z $'catflap --sys\t'
                sleep 3
                all=
                while zpty -r -t z out; do all+=$out; done
                print -r -- "$all"
                zpty -d z
                """;
        Catflap.Result result = Catflap.launcher().in(home).runDirectly(List.of("zsh", "-f", "-c", script, "zsh",
                prefix.resolve("share/zsh/site-functions").toString(), home.toString()));
        assertTrue(result.stdout().contains("catflap --systemd"), "zsh completed --sys to --systemd: " + result.stdout()
                + result.stderr());
    }

    // ---- helpers

    private static void assumeOtherJdk() {
        assumeTrue(Files.isExecutable(OTHER_JDK.resolve("bin/java")), "no JDK at " + OTHER_JDK + " (.ci/run installs it)");
    }

    /** A catflap whose environment and directory the test sets, started by name by a shell. */
    private static Catflap byName(Path directory) {
        return Catflap.launcherAt(bin.resolve("catflap")).in(directory);
    }

    /** sh running {@code catflap ARGS COMMAND} found on its PATH, as a user's shell would. */
    private static List<String> shellRunning(List<String> args, List<String> command) {
        List<String> line = new ArrayList<>(List.of("/bin/sh", "-c", "exec catflap \"$@\"", "sh"));
        line.addAll(args);
        line.addAll(command);
        return line;
    }

    private static void assertCommandGotTheSocket(Catflap.Result result) {
        assertEquals(0, result.exit(), result.stderr());
        ProbeReport report = ProbeReport.parse(result.stdout());
        JsonNode socket = report.socket(3);
        assertTrue(socket.get("listening").asBoolean(), socket.toString());
        assertTrue(report.environ().stream().map(entry -> new String(entry, StandardCharsets.UTF_8))
                .anyMatch("LISTEN_FD=3"::equals), "LISTEN_FD=3 in the command's environment");
    }

    /** -XshowSettings:properties told, on stderr, the java.home of the JVM that ran catflap. */
    private static void assertRanOn(Path jdk, Catflap.Result result) throws IOException {
        String expected = "java.home = " + jdk.toRealPath();
        assertTrue(result.stderr().lines().anyMatch(line -> line.strip().equals(expected)),
                expected + " in: " + result.stderr());
    }
}
