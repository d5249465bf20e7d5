package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher (target/catflap) under a caller's tight limits, and the JVM's own output: the
 * command gets exactly the caller's descriptors 0-2, or catflap refuses in one line naming the
 * limit, leaves nothing behind and runs nothing; and nothing the JVM says reaches stdout, which is
 * the command's.
 */
class LauncherLimitsIT {
    /** The smallest open-files limit the launcher accepts. */
    private static final int NEEDED = 16;

    @TempDir
    Path temp;

    @BeforeEach
    void jvmMode() {
        assumeFalse(Catflap.isNative(), "the launcher script is JVM mode's");
    }

    // ---- the open-files limit

    /**
     * A caller with 0 at /dev/null and 1 and 2 at files of its own, under an open-files limit of
     * {@code limit}: from {@link #NEEDED} up the command has those three exactly (and its socket),
     * below it catflap refuses; under 11, /bin/sh cannot even open the script, and says so itself.
     * Before, sh lost the caller's 1 or 2 to its own bookkeeping and the JVM's lib/modules took the
     * number, and a catflap.XXXXXX directory stayed in TMPDIR.
     */
    @ParameterizedTest
    @CsvSource({"8,exec", "10,exec", "11,exec", "12,exec", "12,spawn", "13,exec", "13,spawn", "15,exec", "16,exec",
        "16,spawn", "17,exec", "20,spawn", "1024,exec", "1024,spawn"})
    void theCommandGetsTheCallersDescriptorsOrCatflapRefusesNamingTheLimit(int limit, String mode) throws IOException {
        Path tmpdir = Files.createDirectory(temp.resolve("tmp"));
        Path out = temp.resolve("out");
        Path err = temp.resolve("err");
        Path report = temp.resolve("report.json");
        List<String> args = new ArrayList<>(List.of("-q", "-p", "0"));
        if (mode.equals("spawn")) {
            args.add("--spawn");
        }
        args.add("--");
        args.addAll(Catflap.interpreterProbe("report-file", report.toString()));
        List<String> line = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" < /dev/null > \"$OUT\" 2> \"$ERR\"", "sh"));
        line.addAll(new Caller().withOpenFilesLimit(limit).execWords(Catflap.launcher().commandLine(args)));
        Catflap.Result result = Catflap.launcher().env("TMPDIR", tmpdir.toString()).env("OUT", out.toString())
                .env("ERR", err.toString()).runDirectly(line);

        String stderr = Files.readString(err);
        if (limit >= NEEDED) {
            assertEquals(0, result.exit(), stderr);
            ProbeReport launched = ProbeReport.parse(Files.readString(report));
            assertEquals(new TreeSet<>(List.of(0, 1, 2, 3)), launched.fds(), launched.json().get("fds").toString());
            assertEquals("/dev/null", launched.fd(0).get("target").asText());
            assertEquals(out.toString(), launched.fd(1).get("target").asText());
            assertEquals(err.toString(), launched.fd(2).get("target").asText());
            assertEquals(limit, launched.nofileSoft(), "the caller's limit");
        } else {
            assertFalse(Files.exists(report), "the command ran");
            assertEquals("", Files.readString(out));
            if (limit >= 11) {
                assertEquals(1, result.exit(), stderr);
                assertEquals("[catflap] the open-files limit is " + limit + ", too low for catflap, which needs " + NEEDED
                        + "; raise it with ulimit -n\n", stderr);
            } else {
                // /bin/sh's own line: it reads the script through a descriptor at 10 or above
                assertNotEquals(0, result.exit(), stderr);
                assertEquals(1, stderr.lines().count(), stderr);
            }
        }
        assertEquals(Set.of(), names(tmpdir), "nothing left in TMPDIR");
    }

    // ---- the size of the environment

    /**
     * The copy of the environment travels base64 in one variable, which may hold 128 KiB: an
     * environment of 60 kB is handed over exactly (a name sh would drop arrives); past about
     * 95 KiB catflap falls back to java's environment, and a large value still arrives.
     */
    @ParameterizedTest
    @CsvSource({"60000,exact", "100000,fallback"})
    void aLargeEnvironmentReachesTheCommand(int size, String how) {
        String big = "x".repeat(size);
        Catflap.Result result = Catflap.launcher().env("BIG", big).env("NOT-A-SHELL-NAME", "kept")
                .run("-q", "-p", "0", "--", "env");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stderr());
        assertTrue(result.stdout().lines().anyMatch(("BIG=" + big)::equals), "BIG did not arrive whole");
        if (how.equals("exact")) {
            assertTrue(result.stdout().lines().anyMatch("NOT-A-SHELL-NAME=kept"::equals), "the copy was not handed over");
        }
    }

    // ---- the JVM's own output

    /**
     * A JVM that cannot start says why on stderr, not on the command's stdout: here it cannot
     * reserve its heap under the caller's address-space limit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"exec", "spawn"})
    void aJvmThatCannotStartSaysSoOnStderr(String mode) {
        Path ran = temp.resolve("ran");
        List<String> args = new ArrayList<>(List.of("-q", "-p", "0"));
        if (mode.equals("spawn")) {
            args.add("--spawn");
        }
        args.addAll(List.of("--", "touch", ran.toString()));
        List<String> line = new ArrayList<>(List.of("sh", "-c", "ulimit -v 300000 && exec \"$@\"", "sh"));
        line.addAll(Catflap.launcher().commandLine(args));
        Catflap.Result result = Catflap.launcher().runDirectly(line);

        assertNotEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stdout(), "nothing of the JVM's on the command's stdout; stderr: " + result.stderr());
        assertTrue(result.stderr().contains("Error occurred during initialization of VM"), result.stderr());
        assertFalse(Files.exists(ran), "the command ran");
    }

    /**
     * The JVM's messages for options in CATFLAP_JAVA_OPTS: one that stops it (a thread stack too
     * small, said through HotSpot's own output) and a warning of its logging (large pages asked for
     * where there are none): on stderr, never on the command's stdout.
     */
    @ParameterizedTest
    @CsvSource({"-Xss100k,1", "-XX:+UseLargePages,0"})
    void theJvmsMessagesGoToStderr(String option, int exit) {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_JAVA_OPTS", option)
                .run("-q", "-p", "0", "--", "sh", "-c", "echo ran");
        assertEquals(exit, result.exit(), result.stderr());
        assertEquals(exit == 0 ? "ran\n" : "", result.stdout(), "only the command's output; stderr: " + result.stderr());
        if (exit != 0) {
            assertTrue(result.stderr().contains("thread stack size specified is too small"), result.stderr());
        }
    }

    private static Set<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return new TreeSet<>(entries.map(path -> path.getFileName().toString()).toList());
        }
    }
}
