package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a supervising catflap ends: as its command did, whatever its output does, leaving nothing of its own behind. */
class SupervisedEndIT {
    private static final Pattern STARTED = Pattern.compile("started (\\d+)");

    @TempDir
    Path temp;

    /**
     * A command killed by signal N: catflap ends by N too (no core file), so that a shell's loop
     * stops at Ctrl-C as it would around the command itself. Java's Process cannot tell 143 from
     * SIGTERM: the probe waits for catflap and says which it was.
     */
    @ParameterizedTest
    @CsvSource({"TERM,15", "KILL,9", "INT,2", "QUIT,3"})
    void commandKilledBySignalEndsCatflapByTheSameSignal(String signal, int number) {
        String result = waitStatus(Catflap.launcher().in(temp), args(List.of("-q", "-p", "0", "--spawn"), List.of("sh", "-c", "kill -s " + signal + " $$")));
        assertEquals("signal " + number + " core 0\n", result);
        assertFalse(Files.exists(temp.resolve("core")));
    }

    /**
     * With --watch, catflap ends on SIGTERM as its command did: killed by SIGTERM; where the command
     * ignored SIGTERM for longer than the grace period and catflap killed it, catflap exits with 137
     * instead of being killed by SIGKILL, which a shell would report as "Killed", about catflap.
     */
    @ParameterizedTest
    @CsvSource({"sleep,signal 15 core 0", "stubborn,exit 137"})
    void watchingCatflapEndsByTheSignalThatEndedTheCommand(String command, String ending) throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> words = command.equals("sleep") ? List.of("sh", "-c", "echo ready; exec sleep 600") : Catflap.probe("stubborn");
        List<String> probe = new ArrayList<>(Catflap.probe("waitstatus"));
        probe.addAll(Catflap.launcher().commandLine(args(List.of("-q", "-p", "0", "--watch", src.toString(), "--grace", "0.5"), words)));
        try (Catflap.Running waiting = Catflap.launcher().startDirectly(probe)) {
            waiting.awaitStdout("ready");
            long catflap = awaitChild(waiting.pid());
            Catflap.signal(catflap, "TERM");
            String stdout = waiting.await().stdout();
            assertTrue(stdout.endsWith(ending + "\n"), stdout);
        }
    }

    /**
     * A command that ignores SIGTERM: each time --grace runs out, at a restart and at catflap's end,
     * one line says so and names the command's pid; a last line explains catflap's status 137.
     */
    @Test
    void graceRunningOutIsSaidAtARestartAndAtTheEnd() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> probe = new ArrayList<>(Catflap.probe("waitstatus"));
        probe.addAll(Catflap.launcher().commandLine(args(List.of("-p", "0", "--watch", src.toString(), "--grace", "0.3"),
                Catflap.probe("stubborn"))));
        try (Catflap.Running waiting = Catflap.launcher().startDirectly(probe)) {
            String first = readyPid(waiting.awaitStdout("ready"), 1);
            Files.writeString(src.resolve("app.py"), "1");
            waiting.awaitStderr("--grace 0.3 s ran out: the command (pid " + first + ", ");
            String second = readyPid(waiting.awaitStdout("ready", 2), 2);
            Catflap.signal(awaitChild(waiting.pid()), "TERM");
            Catflap.Result result = waiting.await();
            assertTrue(result.stdout().endsWith("exit 137\n"), result.stdout());
            assertEquals(2, Catflap.occurrences(result.stderr(), "s ran out: "), result.stderr());
            assertTrue(result.stderr().contains("[catflap] --grace 0.3 s ran out: the command (pid " + second + ", "), result.stderr());
            assertTrue(result.stderr().contains(") did not end on SIGTERM; sending SIGKILL\n"), result.stderr());
            assertTrue(result.stderr().endsWith("[catflap] exiting with status 137: the command was killed with SIGKILL when --grace ran out\n"),
                    result.stderr());
        }
    }

    /** The pid of the {@code n}th "ready PID" line of the stubborn probe. */
    private static String readyPid(String stdout, int n) {
        Matcher ready = Pattern.compile("ready (\\d+)").matcher(stdout);
        for (int i = 0; i < n; i++) {
            assertTrue(ready.find(), stdout);
        }
        return ready.group(1);
    }

    @Test
    void catflapEndedBySignalWithNoCommandRunningEndsByIt() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> command = new ArrayList<>(Catflap.probe("waitstatus"));
        command.addAll(Catflap.launcher().commandLine(List.of("-p", "0", "--watch", src.toString(), "--", "sh", "-c", "exit 3")));
        try (Catflap.Running probe = Catflap.launcher().startDirectly(command)) {
            probe.awaitStderr("starts again on the next change");
            long catflap = awaitChild(probe.pid());
            Catflap.signal(catflap, "TERM");
            assertEquals("signal 15 core 0\n", probe.await().stdout());
        }
    }

    @Test
    void exitStatusStaysAnExitStatus() {
        String result = waitStatus(Catflap.launcher(), args(List.of("-q", "-p", "0", "--spawn"), List.of("sh", "-c", "exit 143")));
        assertEquals("exit 143\n", result);
    }

    private static long awaitChild(long pid) {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (true) {
            Optional<ProcessHandle> child = ProcessHandle.of(pid).orElseThrow().children().findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            assertTrue(System.nanoTime() < deadline, "no child of " + pid);
            Catflap.sleep(20);
        }
    }

    private static String waitStatus(Catflap how, List<String> args) {
        List<String> command = new ArrayList<>(Catflap.probe("waitstatus"));
        command.addAll(how.commandLine(args));
        Catflap.Result result = how.runDirectly(command);
        assertEquals(0, result.exit(), result.stderr());
        return result.stdout();
    }

    /**
     * A standard error nobody reads and full once catflap listens: the notices of restarts cannot
     * be written, and SIGTERM still ends catflap and its command at once.
     */
    @Test
    void stalledStandardErrorDoesNotHoldUpSignals() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        List<String> command = new ArrayList<>(Catflap.probe("stalled"));
        command.addAll(Catflap.launcher().commandLine(args(List.of("-p", "0", "--watch", src.toString()), Catflap.probe("signals", "7"))));
        try (Catflap.Running probe = Catflap.launcher().startDirectly(command)) {
            probe.awaitStdout("started");
            String stdout = probe.awaitStdout("ready");
            Matcher started = STARTED.matcher(stdout);
            assertTrue(started.find(), stdout);
            long catflap = Long.parseLong(started.group(1));
            for (int change = 0; change < 3; change++) {
                Files.writeString(src.resolve("app" + change + ".txt"), "changed"); // notices that cannot be written
                Catflap.sleep(400);
            }
            List<Long> processes = new ArrayList<>(List.of(catflap));
            processes.addAll(Pattern.compile("ready (\\d+)").matcher(probe.stdout()).results().map(ready -> Long.parseLong(ready.group(1))).toList());
            Catflap.signal(catflap, "TERM");
            assertEquals(List.of(), Processes.stillRunningAfter(Duration.ofSeconds(5), processes),
                    "catflap and its command end though stderr is stalled; stdout: " + probe.stdout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"command exits", "catflap gets SIGTERM", "command killed"})
    void socketFilesGoWhenASupervisingCatflapEnds(String how) throws IOException {
        Path socket = temp.resolve("app.sock");
        List<String> options = List.of("-q", "-l", "unix:" + socket, "--spawn");
        if (how.equals("command exits")) {
            Catflap.Result result = Catflap.launcher().run(args(options, Catflap.probe("exit", "0")));
            assertEquals(0, result.exit(), result.stderr());
        } else {
            try (Catflap.Running catflap = Catflap.launcher().start(args(options, Catflap.probe("signals", "7")))) {
                long child = SpawnIT.readyPid(catflap.awaitStdout("ready"));
                assertTrue(Files.exists(socket));
                if (how.equals("command killed")) {
                    Catflap.signal(child, "KILL");
                } else {
                    catflap.signal("TERM");
                }
                catflap.await();
            }
        }
        assertFalse(Files.exists(socket), "the socket file catflap made is gone");
    }
}
