package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * catflap as a user at an interactive bash has it, on a terminal (a pty): job control with Ctrl-Z,
 * {@code bg} and {@code fg}, and Ctrl-C. The command says whenever its process group gains or loses
 * the terminal's foreground ("in the foreground", "in the background"); bash's prompt shows the
 * status of the last job ("status 130 $").
 */
class TerminalIT {
    /** Says where it stands; {@code exit0} exits 0 on SIGINT (gunicorn, uvicorn, Node), {@code goes-on} goes on after SIGINT and SIGQUIT. */
    private static final String COMMAND = """
            import os, signal, sys, time
            mode, pidfile = sys.argv[1], sys.argv[2]
            if mode == "exit0":
                signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
            elif mode == "goes-on":
                for s in (signal.SIGINT, signal.SIGQUIT):
                    signal.signal(s, lambda *_: print("went on", flush=True))
            with open(pidfile + ".new", "w") as f:
                f.write(str(os.getpid()))
            os.rename(pidfile + ".new", pidfile)
            last = None
            while True:
                try:
                    ahead = os.tcgetpgrp(0) == os.getpgrp()
                except OSError:
                    ahead = False
                if ahead != last:
                    print("in the foreground" if ahead else "in the background", flush=True)
                    last = ahead
                time.sleep(0.05)
            """;

    @TempDir
    Path temp;
    Path watched;
    Path command;
    Path pidFile;

    @BeforeEach
    void files() throws IOException {
        watched = Files.createDirectories(temp.resolve("src"));
        command = Files.writeString(temp.resolve("command.py"), COMMAND);
        pidFile = temp.resolve("pid");
    }

    /**
     * Ctrl-Z, then {@code bg}: catflap and its command go on in the background, and the shell keeps
     * the terminal (it once went to the command's group, and bash, reading EOF, ended); {@code fg}
     * gives the command the terminal again, and Ctrl-C ends it. Several rounds: the old fault was a
     * race.
     */
    @Test
    void bgLeavesTheTerminalToTheShellAndFgGivesItBack() {
        List<String> steps = new ArrayList<>(List.of("type:" + catflap("--watch", "exit0"), "await:in the foreground"));
        for (int round = 1; round <= 4; round++) {
            steps.addAll(List.of("key:Z", "await:Stopped", "type:bg", "await:in the background",
                    "type:echo round-$((" + round + "*1000))", "await:round-" + round * 1000,
                    "type:fg", "await:in the foreground"));
        }
        steps.addAll(List.of("key:C", "await:status 130 $"));
        String screen = drive(steps);
        assertTrue(screen.endsWith("shell alive\n"), screen);
    }

    /**
     * One Ctrl-C ends catflap and its whole run though the command exits 0 on SIGINT (it restarted
     * at the next change before); catflap's status says it was interrupted, and nothing of the run
     * is left (its group is empty).
     */
    @ParameterizedTest
    @ValueSource(strings = {"--watch", "--spawn"})
    void oneCtrlCEndsCatflapWhateverTheCommandExitsWith(String mode) {
        String screen = drive(List.of("type:" + catflap(mode, "exit0"), "await:in the foreground",
                "key:C", "await:status 130 $", "type:" + groupCheck(), "await:group-1-left"));
        assertTrue(screen.endsWith("shell alive\n"), screen);
        assertTrue(!screen.contains("starts again"), screen);
    }

    /**
     * Ctrl-\ on a command that goes on after it: catflap ends it all the same, after --grace, and
     * says that it sent SIGKILL; its status is 131, as a shell gives it for SIGQUIT.
     */
    @Test
    void ctrlBackslashEndsARunThatGoesOn() {
        String screen = drive(List.of("type:" + catflap("--watch", "goes-on", "--grace", "0.5"), "await:in the foreground",
                "key:\\", "await:went on", "await:--grace 0.5 s ran out", "await:status 131 $",
                "type:" + groupCheck(), "await:group-1-left"));
        assertTrue(screen.endsWith("shell alive\n"), screen);
    }

    /** SIGINT to the command alone, not from the terminal: it exited 0, and catflap starts it again at the next change. */
    @Test
    void sigintToTheCommandAloneKeepsCatflapWatching() {
        String screen = drive(List.of("type:" + catflap("--watch", "exit0"), "await:in the foreground",
                "signal:INT:" + pidFile, "await:the command exited with status 0; it starts again on the next change",
                "touch:" + watched.resolve("app.py"), "await:restarting", "await:in the foreground",
                "key:C", "await:status 130 $"));
        assertTrue(screen.endsWith("shell alive\n"), screen);
    }

    /** bash says "group-1-left" where no process of the last run's group is left (kill -0 fails). */
    private String groupCheck() {
        return "kill -0 -- -$(cat " + quote(pidFile.toString()) + ") 2>/dev/null; echo group-$?-left";
    }

    private String catflap(String mode, String behaviour, String... options) {
        List<String> args = new ArrayList<>(List.of("-p", "0"));
        args.addAll(mode.equals("--watch") ? List.of("--watch", watched.toString()) : List.of(mode));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "python3", command.toString(), behaviour, pidFile.toString()));
        return Catflap.launcher().commandLine(args).stream().map(TerminalIT::quote).collect(Collectors.joining(" "));
    }

    private static List<String> driver(List<String> steps) {
        List<String> words = new ArrayList<>(List.of("python3", Path.of("target/test-classes/job_control.py").toAbsolutePath().toString()));
        words.addAll(steps);
        return words;
    }

    /** Runs the steps in an interactive bash on a pty; what its terminal showed, which must have shown every await. */
    private static String drive(List<String> steps) {
        Catflap.Result result = Catflap.launcher().runDirectly(driver(steps));
        assertEquals(0, result.exit(), result.stdout() + result.stderr());
        return result.stdout();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
