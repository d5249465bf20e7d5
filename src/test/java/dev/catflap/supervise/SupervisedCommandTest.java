package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Changed;
import dev.catflap.supervise.Event.Exited;
import dev.catflap.supervise.Event.Signalled;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervising loop against fake processes and signals: what it signals, reaps and starts, and
 * how it ends. A fake child dies of any signal it does not ignore, at once.
 */
@Timeout(10)
class SupervisedCommandTest {
    private static final Duration GRACE = Duration.ofMillis(300);

    @TempDir
    Path watched;

    private final FakeRuns runs = new FakeRuns();
    private final FakeSignals signals = new FakeSignals();
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
        runs.atStart(1, child -> runs.report(new Changed(watched.resolve("app.py"))));
        runs.atStart(2, child -> signals.send(Signals.SIGTERM));
        assertEquals(new Ending(143, Signals.SIGTERM), supervise(true));
        assertEquals(List.of("start 100", "signal run 15", "reap 100", "forget run", "forget run", "start 101",
                "signal run 15", "reap 101", "forget run", "close"), runs.log);
        assertEquals(List.of("restarting: " + watched.resolve("app.py") + " changed"), notices);
    }

    @Test
    void aRunThatIgnoresSigtermGetsTheGracePeriodThenSigkill() {
        runs.ignoring(Signals.SIGTERM);
        runs.atStart(1, child -> runs.report(new Changed(watched.resolve("app.py"))));
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
            runs.report(new Changed(watched.resolve("app.py")));
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

    @Test
    void changesThatWaitForOneRestartAreCountedOnce() {
        Changed first = new Changed(watched.resolve("a.py"), java.util.Set.of(watched.resolve("a.py"), watched.resolve("4913")));
        Changed second = new Changed(watched.resolve("b.py"), java.util.Set.of(watched.resolve("b.py"), watched.resolve("a.py")));
        assertEquals(watched.resolve("b.py") + " changed (and 2 more)", second.after(first).description());
        assertEquals(watched.resolve("b.py") + " changed (and 1 more)", second.after(null).description());
        assertEquals(watched.resolve("a.py") + " changed", new Changed(watched.resolve("a.py")).description());
    }

    private Ending supervise(boolean watching) {
        Supervision supervision = new Supervision(watching ? List.of(watched) : List.of(), List.of(), GRACE, Duration.ofMillis(50),
                notices::add,
                Optional.empty(), false);
        return new SupervisedCommand(runs::reportingTo, runs.spawn(), signals, supervision, () -> { }, List.of(),
                () -> terminalHungUp).run();
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
    }

    /** Runs of one process each, which the test makes exit; what the loop did to them, in order. */
    private static final class FakeRuns implements Runs {
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

        Runs reportingTo(Consumer<Event> events) {
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
