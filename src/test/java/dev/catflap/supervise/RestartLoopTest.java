package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Changed;
import dev.catflap.supervise.Event.Exited;
import dev.catflap.supervise.Event.Interrupted;
import dev.catflap.supervise.Event.Signalled;
import dev.catflap.supervise.Event.Unaccepted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The supervising loop against fake processes, signals and changes: what it signals, reaps and
 * starts, and how it ends. A fake child dies of any signal it does not ignore, at once. No file is
 * watched: the watched path does not even exist, and the test reports the changes.
 */
@Timeout(10)
class RestartLoopTest {
    private static final Duration GRACE = Duration.ofMillis(300);

    private final Path watched = Path.of("/nonexistent/catflap-test/app");
    private final FakeRuns runs = new FakeRuns();
    private final FakeSignals signals = new FakeSignals();
    private final FakeChanges changes = new FakeChanges();
    private final List<String> notices = new ArrayList<>();
    private boolean terminalHungUp;

    @Test
    void withoutWatchingItEndsAsTheCommandExited() {
        runs.atStart(1, child -> runs.exit(3));
        assertEquals(new Ending(3, 0), supervise(false));
        assertEquals(List.of("start 100", "reap 100", "signal run 15", "forget run", "close"), runs.log);
    }

    @Test
    void anEndingSignalGoesToTheWholeRunAndCatflapEndsByIt() {
        runs.atStart(1, child -> signals.send(Signals.SIGINT));
        assertEquals(new Ending(130, Signals.SIGINT), supervise(false));
        // the run has its signal already: no SIGTERM on top
        assertEquals(List.of("start 100", "signal run 2", "reap 100", "forget run", "close"), runs.log);
    }

    @Test
    void userSignalsGoToTheChildAlone() {
        runs.ignoring(Signals.SIGUSR1);
        runs.atStart(1, child -> {
            signals.send(Signals.SIGUSR1);
            signals.send(Signals.SIGTERM);
        });
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(false));
        assertEquals(List.of("start 100", "signal child 10", "signal run 15", "reap 100", "forget run", "close"), runs.log);
    }

    @Test
    void aChangeRestartsTheCommandAndAnEndingSignalEndsBoth() {
        runs.atStart(1, child -> changes.change(watched.resolve("app.py")));
        runs.atStart(2, child -> signals.send(Signals.SIGTERM));
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(true));
        assertEquals(List.of("start 100", "signal run 15", "reap 100", "forget run", "forget run", "start 101",
                "signal run 15", "reap 101", "forget run", "close"), runs.log);
        assertEquals(List.of("restarting: " + watched.resolve("app.py") + " changed"), notices);
    }

    @Test
    void aRunThatIgnoresSigtermGetsTheGracePeriodThenSigkill() {
        runs.ignoring(Signals.SIGTERM);
        runs.atStart(1, child -> changes.change(watched.resolve("app.py")));
        runs.atStart(2, child -> signals.send(Signals.SIGINT));
        assertEquals(new Ending(130, Signals.SIGINT), supervise(true));
        assertEquals(List.of("start 100", "signal run 15", "signal run 9", "reap 100", "forget run", "forget run",
                "start 101", "signal run 2", "reap 101", "forget run", "close"), runs.log);
        long waited = runs.at("signal run 9") - runs.at("signal run 15");
        assertTrue(waited >= GRACE.toNanos(), "SIGKILL " + waited / 1_000_000 + " ms after SIGTERM");
    }

    @Test
    void aWatchedCommandThatExitsWaitsForTheNextChange() {
        runs.atStart(1, child -> {
            runs.exit(0);
            changes.change(watched.resolve("app.py"));
        });
        runs.atStart(2, child -> signals.send(Signals.SIGHUP));
        terminalHungUp = true; // the SIGHUP of a terminal that hung up ends catflap
        assertEquals(new Ending(129, Signals.SIGHUP), supervise(true));
        assertEquals(List.of("start 100", "reap 100", "forget run", "start 101", "signal run 1", "reap 101", "forget run",
                "close"), runs.log);
        assertEquals(List.of("the command exited with status 0; it starts again on the next change",
                "restarting: " + watched.resolve("app.py") + " changed"), notices);
    }

    @Test
    void aClientWaitingWhileNoCommandRunsIsSaidOnceUntilTheNextStart() {
        Unaccepted waiting = new Unaccepted("127.0.0.1:8080", 1, System.nanoTime());
        runs.atStart(1, child -> {
            runs.exit(3);
            runs.report(waiting);
            runs.report(waiting);
            changes.change(watched.resolve("app.py"));
        });
        runs.atStart(2, child -> {
            runs.report(waiting); // the new run has just started: nothing to say yet
            signals.send(Signals.SIGTERM);
        });
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(true));
        assertEquals(List.of("the command exited with status 3; it starts again on the next change",
                "1 connection waits at 127.0.0.1:8080, but the command is not running (it exited with status 3); it starts"
                        + " again on the next change in " + watched,
                "restarting: " + watched.resolve("app.py") + " changed"), notices);
    }

    /** The terminal's Ctrl-C reached the run (its tripwire says so) and the command exited 0: catflap ends by SIGINT. */
    @Test
    void aCtrlCToTheRunEndsCatflapThoughTheCommandExits0() {
        runs.atStart(1, child -> runs.interruptAndExit(Signals.SIGINT, 0));
        assertEquals(new Ending(130, Signals.SIGINT), supervise(true));
        assertEquals(List.of(), notices);
    }

    /** A SIGINT to the command alone: it exited 0 and starts again at the next change. */
    @Test
    void aSigintToTheCommandAloneKeepsTheRestartRule() {
        runs.atStart(1, child -> {
            runs.exit(0);
            changes.change(watched.resolve("app.py"));
        });
        runs.atStart(2, child -> runs.interruptAndExit(Signals.SIGQUIT, 0));
        assertEquals(new Ending(131, Signals.SIGQUIT), supervise(true));
        assertEquals("the command exited with status 0; it starts again on the next change", notices.get(0));
    }

    /** Ctrl-C, and the command goes on: it has --grace, then SIGKILL, said in a line; catflap still ends by SIGINT. */
    @Test
    void aRunThatGoesOnAfterCtrlCIsKilledAfterTheGrace() {
        runs.ignoring(Signals.SIGINT);
        runs.atStart(1, child -> runs.report(new Interrupted(Signals.SIGINT)));
        assertEquals(new Ending(130, Signals.SIGINT), supervise(true));
        assertEquals(List.of("start 100", "signal escaped 2", "signal run 9", "reap 100", "forget run", "close"), runs.log);
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("--grace 0.3 s ran out: the command (pid 100, "), notices.get(0));
        assertTrue(notices.get(0).endsWith(") did not end on SIGINT; sending SIGKILL"), notices.get(0));
    }

    /** Without watching, the terminal's Ctrl-C to catflap ends it all the same; a SIGINT from kill is passed on only. */
    @Test
    void withoutWatchingOnlyTheTerminalsCtrlCEndsCatflap() {
        runs.ignoring(Signals.SIGINT);
        runs.atStart(1, child -> {
            signals.send(Signals.SIGINT);
            signals.sendFromTerminal(Signals.SIGINT);
        });
        assertEquals(new Ending(130, Signals.SIGINT), supervise(false));
        assertEquals(List.of("start 100", "signal run 2", "signal run 2", "signal run 9", "reap 100", "forget run", "close"), runs.log);
    }

    /** catflap killed its command when --grace ran out: it exits with 137, not killed by SIGKILL, and says why. */
    @Test
    void aCommandKilledAfterTheGraceMakesCatflapExit137() {
        runs.ignoring(Signals.SIGTERM);
        runs.atStart(1, child -> signals.send(Signals.SIGTERM));
        assertEquals(new Ending(137, 0), supervise(true));
        assertEquals("exiting with status 137: the command was killed with SIGKILL when --grace ran out", notices.get(1));
    }

    @Test
    void sighupUnderWatchRestartsTheCommand() {
        runs.atStart(1, child -> signals.send(Signals.SIGHUP));
        runs.atStart(2, child -> signals.send(Signals.SIGTERM));
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(true));
        assertEquals(List.of("start 100", "signal run 15", "reap 100", "forget run", "forget run", "start 101",
                "signal run 15", "reap 101", "forget run", "close"), runs.log);
        assertEquals(List.of("restarting: catflap received SIGHUP"), notices);
    }

    @Test
    void sighupWithoutWatchIsPassedOn() {
        runs.atStart(1, child -> signals.send(Signals.SIGHUP));
        assertEquals(new Ending(129, Signals.SIGHUP), supervise(false));
        assertEquals(List.of("start 100", "signal run 1", "reap 100", "forget run", "close"), runs.log);
    }

    /** After three quick restarts the fourth waits (see {@link RestartPacing}): it is for every change meanwhile, once. */
    @Test
    void aRestartThatWaitsIsForEveryChangeMeanwhile() {
        for (int start = 1; start <= 3; start++) {
            runs.atStart(start, child -> changes.change(watched.resolve("app.py")));
        }
        runs.atStart(4, child -> {
            changes.change(watched.resolve("a.py"));
            changes.change(watched.resolve("b.py"));
        });
        runs.atStart(5, child -> signals.send(Signals.SIGTERM));
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(true));
        assertEquals(5, notices.size(), notices.toString());
        assertTrue(notices.get(3).startsWith(watched.resolve("a.py") + " changed right after each of the last 4 starts"),
                notices.get(3));
        assertEquals("restarting: " + watched.resolve("b.py") + " changed (and 1 more)", notices.get(4));
    }

    /** SIGHUP brings a restart that waits forward: a change after it is a restart of its own, not one more for the old. */
    @Test
    void aRestartOnDemandReplacesTheOneThatWaits() {
        for (int start = 1; start <= 3; start++) {
            runs.atStart(start, child -> changes.change(watched.resolve("app.py")));
        }
        runs.atStart(4, child -> {
            changes.change(watched.resolve("a.py"));
            signals.send(Signals.SIGHUP);
        });
        runs.atStart(5, child -> changes.change(watched.resolve("c.py")));
        runs.atStart(6, child -> signals.send(Signals.SIGTERM));
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(true));
        assertEquals(List.of("restarting: catflap received SIGHUP", "restarting: " + watched.resolve("c.py") + " changed"),
                notices.subList(4, notices.size()));
    }

    @Test
    void changesThatWaitForOneRestartAreCountedOnce() {
        Changed first = new Changed(watched.resolve("a.py"), java.util.Set.of(watched.resolve("a.py"), watched.resolve("4913")));
        Changed second = new Changed(watched.resolve("b.py"), java.util.Set.of(watched.resolve("b.py"), watched.resolve("a.py")));
        assertEquals(watched.resolve("b.py") + " changed (and 2 more)", second.after(first).description());
        assertEquals(watched.resolve("b.py") + " changed (and 1 more)", second.after(null).description());
        assertEquals(watched.resolve("a.py") + " changed", new Changed(watched.resolve("a.py")).description());
    }

    private Ending supervise(boolean watching) {
        // no ignores: what counts as a change is the change source's, here the test's
        SupervisionPlan supervision = new SupervisionPlan(watching ? List.of(watched) : List.of(), null, GRACE,
                Duration.ofMillis(50), notices::add, Optional.empty(), false);
        Ending ending = new RestartLoop(runs::reportingTo, runs.spawn(), signals, changes, supervision, () -> { },
                events -> UnacceptedConnections.start(null, List.of(), events), () -> terminalHungUp).run();
        assertEquals(List.of("start", "close"), changes.log, "the change source is started and closed once");
        return ending;
    }

    /** Changes under the watched paths, reported by the test. */
    private static final class FakeChanges implements ChangeSource {
        final List<String> log = new ArrayList<>();
        private Consumer<Changed> receiver;

        @Override
        public void start(Consumer<Changed> receiver) {
            this.receiver = receiver;
            log.add("start");
        }

        @Override
        public void close() {
            log.add("close");
        }

        void change(Path path) {
            receiver.accept(new Changed(path));
        }
    }

    /** catflap's signals, sent by the test. */
    private static final class FakeSignals implements SignalSource {
        private Consumer<Signalled> receiver;

        @Override
        public void start(Consumer<Signalled> receiver) {
            this.receiver = receiver;
        }

        @Override
        public void stop() {
            receiver = null;
        }

        void send(int signal) {
            receiver.accept(new Signalled(signal));
        }

        void sendFromTerminal(int signal) {
            receiver.accept(new Signalled(signal, true));
        }
    }

    /** Runs of one process each, which the test makes exit; what the loop did to them, in order. */
    private static final class FakeRuns implements RunProcesses {
        final List<String> log = new ArrayList<>();
        private final Map<String, Long> times = new HashMap<>();
        private final Map<Integer, Consumer<Integer>> atStart = new HashMap<>();
        private Set<Integer> ignored = Set.of();
        private Consumer<Event> events;
        private int nextPid = 100;
        private int starts;
        /** The child until reaped, and whether it is still running. */
        private int child;
        private boolean running;
        private int waitStatus;
        private int interruption;

        RunProcesses reportingTo(Consumer<Event> events) {
            this.events = events;
            return this;
        }

        IntSupplier spawn() {
            return () -> nextPid++;
        }

        void atStart(int start, Consumer<Integer> action) {
            atStart.put(start, action);
        }

        void ignoring(int signal) {
            ignored = Set.of(signal);
        }

        void report(Event event) {
            events.accept(event);
        }

        /** The child exits by itself with {@code status}. */
        void exit(int status) {
            end(status << 8);
        }

        /** The terminal sent the run {@code signal}, and the child exits with {@code status}. */
        void interruptAndExit(int signal, int status) {
            interruption = signal;
            exit(status);
        }

        long at(String entry) {
            return times.get(entry);
        }

        private void end(int status) {
            running = false;
            waitStatus = status;
            events.accept(new Exited(child));
        }

        private void record(String entry) {
            log.add(entry);
            times.putIfAbsent(entry, System.nanoTime());
        }

        @Override
        public int start(IntSupplier spawn) {
            child = spawn.getAsInt();
            running = true;
            record("start " + child);
            atStart.getOrDefault(++starts, pid -> { }).accept(child);
            return child;
        }

        @Override
        public int child() {
            return child;
        }

        @Override
        public boolean childHadTerminal() {
            return false;
        }

        @Override
        public int reapChild() {
            record("reap " + child);
            child = 0;
            return waitStatus;
        }

        @Override
        public int interruption() {
            int signal = interruption;
            interruption = 0;
            return signal;
        }

        @Override
        public void signalEscaped(int signal) {
            record("signal escaped " + signal);
        }

        @Override
        public void signalChild(int signal) {
            record("signal child " + signal);
            deliver(signal);
        }

        @Override
        public void signalRun(int signal) {
            record("signal run " + signal);
            deliver(signal);
        }

        private void deliver(int signal) {
            if (running && (signal == Signals.SIGKILL || !ignored.contains(signal))) {
                end(signal); // a wait status of "killed by signal"
            }
        }

        @Override
        public boolean runOver() {
            return child == 0 && !running;
        }

        @Override
        public void forgetRun() {
            record("forget run");
        }

        @Override
        public void childStopped() {
            record("stopped");
        }

        @Override
        public void close() {
            record("close");
        }
    }
}
