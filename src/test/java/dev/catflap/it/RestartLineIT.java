package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --watch as developers edit and build: --debounce, one restart per save named by the file saved,
 * names that are not UTF-8, and a restart on demand (SIGHUP).
 */
class RestartLineIT {
    private static final String RESTARTING = "[catflap] restarting: ";
    /** Prints "run" at each start, then waits. */
    private static final List<String> RUN = List.of("--", "sh", "-c", "echo run; exec sleep 1000");

    @TempDir
    Path temp;

    private Catflap.Running watching(Path watched, List<String> options, List<String> command) {
        List<String> args = new java.util.ArrayList<>(List.of("-p", "0", "--watch", watched.toString()));
        args.addAll(options);
        args.addAll(command);
        Catflap.Running catflap = Catflap.launcher().start(args);
        catflap.awaitStdout("run\n");
        return catflap;
    }

    /** A build that writes its output in two phases, 300 ms apart. */
    private static void twoPhaseBuild(Path out) throws IOException {
        Files.writeString(out.resolve("bundle.js"), "half");
        Catflap.sleep(300);
        Files.writeString(out.resolve("bundle.js"), "whole");
        Files.writeString(out.resolve("bundle.css"), "whole");
    }

    @Test
    void aTwoPhaseBuildRestartsTwiceByDefault() throws IOException {
        Path out = Files.createDirectories(temp.resolve("dist"));
        try (Catflap.Running catflap = watching(out, List.of(), RUN)) {
            twoPhaseBuild(out);
            catflap.awaitStdout("run\n", 3);
            Catflap.sleep(1_000);
            assertEquals(2, Catflap.occurrences(catflap.stderr(), RESTARTING), catflap.stderr());
        }
    }

    @Test
    void aTwoPhaseBuildRestartsOnceWithALongerDebounce() throws IOException {
        Path out = Files.createDirectories(temp.resolve("dist"));
        try (Catflap.Running catflap = watching(out, List.of("--debounce", "1s"), RUN)) {
            long before = System.nanoTime();
            twoPhaseBuild(out);
            String stderr = catflap.awaitStderr(RESTARTING);
            long millis = (System.nanoTime() - before) / 1_000_000;
            assertTrue(millis >= 1_300, "the restart waited for 1 s of quiet after the second phase: " + millis + " ms");
            catflap.awaitStdout("run\n", 2);
            Catflap.sleep(1_500);
            assertEquals(1, Catflap.occurrences(catflap.stderr(), RESTARTING), catflap.stderr());
            assertTrue(stderr.contains(RESTARTING + out.resolve("bundle.css") + " changed (and 1 more)\n"), stderr);
        }
    }

    @Test
    void theDebounceComesFromAVariableToo() throws IOException {
        Path out = Files.createDirectories(temp.resolve("dist"));
        List<String> args = List.of("-p", "0", "--watch", out.toString(), "--", "sh", "-c", "echo run; exec sleep 1000");
        try (Catflap.Running catflap = Catflap.launcher().env("CATFLAP_DEBOUNCE", "1s").start(args)) {
            catflap.awaitStdout("run\n");
            twoPhaseBuild(out);
            catflap.awaitStdout("run\n", 2);
            Catflap.sleep(1_500);
            assertEquals(1, Catflap.occurrences(catflap.stderr(), RESTARTING), catflap.stderr());
        }
    }

    @Test
    void aBadDebounceIsRefusedAndNothingRuns() {
        Catflap.Result bad = Catflap.launcher().run("-p", "0", "--watch", temp.toString(), "--debounce", "soon", "--", "echo", "ran");
        assertEquals(2, bad.exit(), bad.stderr());
        assertEquals("", bad.stdout());
        assertTrue(bad.stderr().contains("--debounce") && bad.stderr().contains("soon")
                && bad.stderr().contains("not a duration (0 to 3600 s, e.g. 500ms, 2s or 0.5)"), bad.stderr());
        Catflap.Result alone = Catflap.launcher().run("-p", "0", "--debounce", "1s", "--", "echo", "ran");
        assertEquals(2, alone.exit(), alone.stderr());
        assertTrue(alone.stderr().contains("only applies with --watch"), alone.stderr());
    }

    /** A change while the new run is still starting (it takes a second) restarts it once more. */
    @Test
    void aChangeWhileTheNewRunStartsIsNotLost() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> slowStart = List.of("--", "sh", "-c", "echo run; sleep 1; echo started; exec sleep 1000");
        try (Catflap.Running catflap = watching(src, List.of(), slowStart)) {
            catflap.awaitStdout("started\n");
            Files.writeString(src.resolve("a.py"), "1");
            catflap.awaitStdout("run\n", 2);
            Files.writeString(src.resolve("b.py"), "2"); // the new run is in its start
            catflap.awaitStdout("run\n", 3);
            catflap.awaitStdout("started\n", 2);
            Catflap.sleep(500);
            String stderr = catflap.stderr();
            assertEquals(2, Catflap.occurrences(stderr, RESTARTING), stderr);
            assertTrue(stderr.contains(RESTARTING + src.resolve("b.py") + " changed\n"), stderr);
        }
    }

    /**
     * An editor's save takes a few milliseconds; the tests below give it 300 ms all the same, so that
     * a test machine that stalls the test's own writes (others building) does not split it. The
     * editors' files count here: by default they are ignored (EditorIgnoresIT) and the line would
     * name the saved file alone; here the rule that picks the name out of many is seen.
     */
    private static final List<String> SAVE_QUIET = List.of("--debounce", "300ms", "--no-default-ignores");

    /**
     * Vim's :w (with its default writebackup): the swap file is brought up to date, the 4913 probe
     * made and removed, app.py renamed to app.py~, app.py written anew, the backup removed.
     */
    @Test
    void aVimSaveIsOneRestartNamedByTheFileSaved() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path app = Files.writeString(src.resolve("app.py"), "v1");
        Path swap = Files.writeString(src.resolve(".app.py.swp"), "swap");
        try (Catflap.Running catflap = watching(src, SAVE_QUIET, RUN)) {
            Files.writeString(swap, "swap 2");
            Files.delete(Files.writeString(src.resolve("4913"), ""));
            Files.move(app, src.resolve("app.py~"));
            Files.writeString(app, "v2");
            Files.delete(src.resolve("app.py~"));
            catflap.awaitStdout("run\n", 2);
            Catflap.sleep(1_000);
            String stderr = catflap.stderr();
            assertEquals(1, Catflap.occurrences(stderr, RESTARTING), stderr);
            assertTrue(stderr.contains(RESTARTING + app + " changed (and 3 more)\n"), stderr);
        }
    }

    /** JetBrains' safe write: app.py___jb_tmp___ written, app.py moved to ___jb_old___, the temporary moved to app.py. */
    @Test
    void aJetBrainsSaveIsOneRestartNamedByTheFileSaved() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path app = Files.writeString(src.resolve("app.py"), "v1");
        try (Catflap.Running catflap = watching(src, SAVE_QUIET, RUN)) {
            Path tmp = Files.writeString(src.resolve("app.py___jb_tmp___"), "v2");
            Files.move(app, src.resolve("app.py___jb_old___"));
            Files.move(tmp, app, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(src.resolve("app.py___jb_old___"));
            catflap.awaitStdout("run\n", 2);
            Catflap.sleep(1_000);
            String stderr = catflap.stderr();
            assertEquals(1, Catflap.occurrences(stderr, RESTARTING), stderr);
            assertTrue(stderr.contains(RESTARTING + app + " changed (and 2 more)\n"), stderr);
        }
    }

    /** Makes {@code name} in {@code directory}, the name written as printf's format reads it ({@code \377}: the byte 0xff). */
    private static void touchRaw(Path directory, String name) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", "cd \"$1\" && printf x > \"$(printf \"$2\")\"", "sh", directory.toString(), name)
                .inheritIO().start();
        assertEquals(0, sh.waitFor());
    }

    /**
     * A name that is not UTF-8 is shown with its own bytes, as catflap's other lines show them
     * (Catflap reads stderr as ISO-8859-1: the byte 0xff is \u00ff), not as U+FFFD; whatever the
     * caller's locale.
     */
    @ParameterizedTest
    @ValueSource(strings = {"C", "C.UTF-8"})
    void aNameThatIsNotUtf8IsShownWithItsBytes(String locale) throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> args = List.of("-p", "0", "--watch", src.toString(), "--", "sh", "-c", "echo run; exec sleep 1000");
        try (Catflap.Running catflap = Catflap.launcher().env("LC_ALL", locale).start(args)) {
            catflap.awaitStdout("run\n");
            touchRaw(src, "a\\377b.log");
            String stderr = catflap.awaitStderr(RESTARTING);
            catflap.awaitStdout("run\n", 2);
            assertTrue(stderr.contains(RESTARTING + src + "/a\u00ffb.log changed\n"), stderr);
        }
    }

    /** The storm hint names such a file with its bytes, and the --ignore it suggests leaves it out. */
    @ParameterizedTest
    @ValueSource(strings = {"C", "C.UTF-8"})
    void theStormHintForANameThatIsNotUtf8SuggestsAGlobThatMatches(String locale) throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        String script = "echo run; cd " + src + " && printf x > \"$(printf 'a\\377b.log')\"; exec sleep 1000";
        String hint = "[catflap] " + src + "/a\u00ffb.log changed right after each of the last 4 starts: restarts now"
                + " wait up to 4 s; if the command writes it, leave it out with --ignore 'a?b.log'\n";
        try (Catflap.Running catflap = Catflap.launcher().env("LC_ALL", locale)
                .start(List.of("-p", "0", "--watch", src.toString(), "--", "sh", "-c", script))) {
            String stderr = catflap.awaitStderr(hint);
            assertEquals(1, Catflap.occurrences(stderr, "--ignore"), stderr);
        }
        try (Catflap.Running catflap = Catflap.launcher().env("LC_ALL", locale)
                .start(List.of("-p", "0", "--watch", src.toString(), "--ignore", "a?b.log", "--", "sh", "-c", script))) {
            catflap.awaitStdout("run\n");
            Catflap.sleep(1_500);
            assertEquals(1, Catflap.occurrences(catflap.stdout(), "run\n"), "the suggested --ignore leaves it out: "
                    + catflap.stderr());
        }
    }

    @Test
    void sighupRestartsTheCommandUnderWatch() {
        Path src = temp;
        try (Catflap.Running catflap = watching(src, List.of(), RUN)) {
            catflap.signal("HUP");
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.awaitStderr(RESTARTING).contains(RESTARTING + "catflap received SIGHUP\n"), catflap.stderr());
            catflap.signal("HUP");
            catflap.awaitStdout("run\n", 3);
            catflap.signal("TERM");
            Catflap.Result result = catflap.await();
            assertEquals(143, result.exit(), result.stderr());
            assertEquals(2, Catflap.occurrences(result.stderr(), RESTARTING + "catflap received SIGHUP\n"), result.stderr());
        }
    }

    /**
     * The SIGHUP of a terminal that hangs up (its window closed) still ends catflap under --watch:
     * catflap runs as the session leader of a new terminal (a pty), which then hangs up.
     */
    @Test
    void sighupFromATerminalThatHungUpEndsCatflap() throws Exception {
        String python = String.join("\n",
                "import os, pty, select, sys, time",
                "pid, master = pty.fork()",
                "if pid == 0:",
                "    os.execvp(sys.argv[1], sys.argv[1:])",
                "out = b''",
                "deadline = time.monotonic() + 60",
                "while b'run' not in out and time.monotonic() < deadline:",
                "    if select.select([master], [], [], 0.1)[0]:",
                "        out += os.read(master, 4096)",
                "os.close(master)",
                "deadline = time.monotonic() + 20",
                "while time.monotonic() < deadline:",
                "    ended, status = os.waitpid(pid, os.WNOHANG)",
                "    if ended:",
                "        print('ended', os.waitstatus_to_exitcode(status), flush=True)",
                "        sys.exit(0)",
                "    time.sleep(0.05)",
                "os.kill(pid, 9)",
                "print('still running', flush=True)");
        List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", python));
        command.addAll(Catflap.launcher().commandLine(List.of("-p", "0", "--watch", temp.toString(), "--", "sh", "-c",
                "echo run; exec sleep 1000")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertEquals("ended -1\n", output, "killed by SIGHUP, as before");
    }
}
