package dev.catflap.it;

import static dev.catflap.it.Caller.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names and values are the bytes the user gave, whatever the locale: under {@code LC_ALL=C} (a
 * container, cron, a systemd unit) a directory named {@code café}, a socket path with a byte that
 * is not UTF-8 at all, a non-ASCII command from a project file.
 *
 * <p>This test's own JVM may itself run in the C locale, where Java cannot name such files: names
 * are made and listed by sh and python3, and passed to catflap as bytes by {@link Caller}.
 * Output is read as Latin-1, one char a byte, so that {@code "caf\u00c3\u00a9"} is UTF-8's café.
 */
class LocaleIT {
    /** café in UTF-8, as sh's printf writes it. */
    private static final String CAFE_PRINTF = "caf\\303\\251";
    private static final String CAFE_BYTES = "caf\u00c3\u00a9";

    @TempDir
    Path temp;

    /** catflap started by sh in the directory café under temp, in the C locale. */
    private Catflap.Result inCafe(List<String> args) {
        List<String> line = new ArrayList<>(List.of("sh", "-c",
                "d=$(printf '" + CAFE_PRINTF + "'); mkdir -p \"$d\" && cd \"$d\" && exec \"$@\"", "sh"));
        line.addAll(Catflap.launcher().commandLine(args));
        return cLocale(Catflap.launcher()).in(temp).runDirectly(line);
    }

    private static Catflap cLocale(Catflap catflap) {
        return catflap.env("LC_ALL", "C").withoutEnv("LANG").withoutEnv("LC_CTYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "spawn"})
    void runsInADirectoryWithANonAsciiName(String mode) {
        List<String> args = new ArrayList<>(List.of("-q", "-p", "0"));
        if (mode.equals("spawn")) {
            args.add("--spawn");
        }
        args.addAll(List.of("--", "pwd"));
        Catflap.Result result = inCafe(args);
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stderr());
        assertTrue(result.stdout().endsWith("/" + CAFE_BYTES + "\n"), result.stdout());
    }

    @Test
    void unixSocketPathsAreTheBytesGivenEvenWhereTheyAreNotUtf8() {
        List<byte[]> words = Caller.bytes(Catflap.launcher().commandLine(List.of()));
        words.addAll(List.of(latin1("-l"), latin1("unix:" + CAFE_BYTES + ".sock"), latin1("-l"), latin1("unix:\u00ff.sock"),
                latin1("--"), latin1("ls")));
        Catflap.Result result = Catflap.launcher().in(temp).runDirectly(cLocaleCaller().exec(words));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(List.of(CAFE_BYTES + ".sock", "\u00ff.sock"), result.stdout().lines().sorted().toList(),
                "the files are named with the bytes given");
        assertEquals(List.of("unix:" + CAFE_BYTES + ".sock", "unix:\u00ff.sock"), result.listening(),
                "the listening lines show the names as given");
    }

    @Test
    void listenSpecFromTheEnvironmentKeepsItsBytes() {
        List<byte[]> environment = new ArrayList<>(cLocaleEnvironment());
        environment.add(latin1("CATFLAP_LISTEN=unix:\u00fe" + CAFE_BYTES + ".sock"));
        List<byte[]> words = Caller.bytes(Catflap.launcher().commandLine(List.of("-q", "--", "ls")));
        Catflap.Result result = Catflap.launcher().in(temp).runDirectly(new Caller().withEnvironment(environment).exec(words));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("\u00fe" + CAFE_BYTES + ".sock\n", result.stdout());
    }

    @Test
    void watchesADirectoryWithANonAsciiName() throws IOException, InterruptedException {
        List<String> line = List.of("sh", "-c", "d=$(printf '" + CAFE_PRINTF + "'); mkdir \"$d\" && exec \"$@\" --watch \"$d\" "
                + "-q -p 0 -- sh -c 'echo run; exit 3'", "sh", Catflap.launcher().commandLine(List.of()).get(0));
        try (Catflap.Running catflap = cLocale(Catflap.launcher()).in(temp).startDirectly(line)) {
            catflap.awaitStdout("run");
            Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf '" + CAFE_PRINTF + "')/changed\"")
                    .directory(temp.toFile()).inheritIO().start();
            assertEquals(0, touch.waitFor());
            catflap.awaitStdout("run", 2);
        }
    }

    @Test
    void nonAsciiCommandFromAProjectFileReachesTheCommandAsWritten() throws IOException {
        Files.writeString(temp.resolve(".catflap.properties"), "catflap.port=0\ncatflap.command=printf %s caf\u00e9\n",
                StandardCharsets.UTF_8);
        Catflap.Result result = cLocale(Catflap.launcher()).in(temp).run();
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(CAFE_BYTES, result.stdout());
        assertTrue(result.stderr().contains(": printf %s " + CAFE_BYTES + "\n"), "the notice shows it as written: " + result.stderr());
    }

    @Test
    void pathThatJavaCannotNameIsRefusedNotReplacedByAnother() throws IOException, InterruptedException {
        Process mkdir = new ProcessBuilder("sh", "-c", "mkdir \"$(printf '\\377')\"").directory(temp.toFile()).inheritIO().start();
        assertEquals(0, mkdir.waitFor());
        List<byte[]> words = Caller.bytes(Catflap.launcher().commandLine(List.of()));
        words.addAll(List.of(latin1("-p"), latin1("0"), latin1("--watch"), latin1("\u00ff"), latin1("--"), latin1("true")));
        Catflap.Result result = Catflap.launcher().in(temp).runDirectly(cLocaleCaller().exec(words));
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] --watch \u00ff: a name that is not UTF-8"), result.stderr());
        assertFalse(result.stderr().contains("Exception"), result.stderr());
    }

    @Test
    void configFileWhoseNameJavaCannotTakeIsRefusedInOneLine() {
        List<byte[]> words = Caller.bytes(Catflap.launcher().commandLine(List.of()));
        words.addAll(List.of(latin1("-p"), latin1("0"), latin1("--config"), latin1("\u00ff.properties"), latin1("--"), latin1("true")));
        Catflap.Result result = Catflap.launcher().in(temp).runDirectly(cLocaleCaller().exec(words));
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] --config \u00ff.properties: a name that is not UTF-8, which catflap cannot open\n", result.stderr());
    }

    /** Java resolves relative paths against its decoded name of it, which names no directory: a search there would find nothing. */
    @Test
    void workingDirectoryWhoseNameIsNotUtf8IsRefusedNotSearchedInVain() throws IOException {
        Files.writeString(temp.resolve(".catflap.properties"), "catflap.port=0\ncatflap.command=touch ran\n");
        List<String> line = new ArrayList<>(List.of("sh", "-c", "d=$(printf '\\377'); mkdir \"$d\" && cd \"$d\" && exec \"$@\"", "sh"));
        line.addAll(Catflap.launcher().commandLine(List.of()));
        Catflap.Result result = Catflap.launcher().in(temp).env("HOME", temp.toString()).runDirectly(line);
        assertEquals(1, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] the working directory's name is not UTF-8 ("), result.stderr());
        assertTrue(result.stderr().endsWith("), and catflap cannot find files relative to it: cd to another\n"), result.stderr());
        assertEquals(1, result.stderr().lines().count(), result.stderr());
    }

    private static Caller cLocaleCaller() {
        return new Caller().withEnvironment(cLocaleEnvironment());
    }

    private static List<byte[]> cLocaleEnvironment() {
        return List.of(("PATH=" + System.getenv("PATH")).getBytes(StandardCharsets.UTF_8), latin1("LC_ALL=C"));
    }
}
