package dev.catflap.supervise;

import dev.catflap.CatflapException;
import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Changed;
import dev.catflap.supervise.Event.Exited;
import dev.catflap.supervise.Event.Foreground;
import dev.catflap.supervise.Event.Interrupted;
import dev.catflap.supervise.Event.Signalled;
import dev.catflap.supervise.Event.Stopped;
import dev.catflap.supervise.Event.Unaccepted;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The supervising loop: its one job is to decide, event by event, what happens to the command's
 * runs and how catflap ends. It starts the command as catflap's child, passes on the signals catflap
 * receives and ends as the child ended. When watching, it restarts the command on the same sockets
 * after changes, waits for the next change when the child exits by itself, and ends with the
 * command on SIGINT, SIGQUIT or SIGTERM, or SIGHUP where the terminal hung up (another SIGHUP
 * restarts it). A run is all the processes the command started ({@link RunProcesses}, a
 * {@link ProcessTree} on the system): ending one (to restart, or as catflap ends) means SIGTERM to
 * all of them, the grace period, then SIGKILL, and it is over only when none is left. A restart
 * waits when changes keep coming right after each start ({@link RestartPacing}).
 *
 * <p>Other threads report what happens as {@link Event}s; this one alone acts on them, so the
 * child is only ever signalled by the thread that reaps it (and never after its pid is free). What
 * it has decided (running, waiting for a change, stopping; the run's signal; a restart that waits)
 * is its {@link LoopState}.
 */
final class RestartLoop {
    /** How long nothing happens before catflap takes itself to be waiting. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    /** How often a run that is ending is looked at again: a process adopted meanwhile sends no event. */
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Set<Integer> ENDING = Set.of(Signals.SIGHUP, Signals.SIGINT, Signals.SIGQUIT, Signals.SIGTERM);
    /** Under --watch, a restart on demand (as daemons reload on it), unless the terminal hung up. */
    private static final int RESTART = Signals.SIGHUP;
    /** Also a terminal's: Ctrl-\ sends SIGQUIT. */
    private static final Set<Integer> KEYBOARD = Set.of(Signals.SIGINT, Signals.SIGQUIT);

    private final Function<Consumer<Event>, RunProcesses> runs;
    private final IntSupplier spawn;
    private final SignalSource signals;
    private final ChangeSource changes;
    private final SupervisionPlan supervision;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final RestartPacing pacing;
    private final Runnable releaseFreeMemory;
    private final Function<Consumer<Event>, UnacceptedConnections> acceptQueues;
    private final WaitingClients waitingClients;
    private final BooleanSupplier terminalHungUp;
    private final LoopState state = new LoopState();
    private RunProcesses tree;

    /**
     * @param runs makes the runs' processes, which report to the consumer it is given
     * @param spawn starts the command; its pid
     * @param changes the changes that restart the command ({@link ChangeSource#NONE} when not watching)
     * @param releaseFreeMemory gives free memory back to the system, once things are quiet
     * @param acceptQueues starts the watch of catflap's sockets' accept queues, which reports to the consumer it is given
     */
    RestartLoop(Function<Consumer<Event>, RunProcesses> runs, IntSupplier spawn, SignalSource signals, ChangeSource changes,
            SupervisionPlan supervision, Runnable releaseFreeMemory, Function<Consumer<Event>, UnacceptedConnections> acceptQueues) {
        this(runs, spawn, signals, changes, supervision, releaseFreeMemory, acceptQueues, new TerminalHangup());
    }

    /** @param terminalHungUp whether the terminal catflap had has hung up: a SIGHUP then ends, not restarts */
    RestartLoop(Function<Consumer<Event>, RunProcesses> runs, IntSupplier spawn, SignalSource signals, ChangeSource changes,
            SupervisionPlan supervision, Runnable releaseFreeMemory, Function<Consumer<Event>, UnacceptedConnections> acceptQueues,
            BooleanSupplier terminalHungUp) {
        this.terminalHungUp = terminalHungUp;
        this.runs = runs;
        this.acceptQueues = acceptQueues;
        this.waitingClients = new WaitingClients(this::notice, supervision.watched());
        this.spawn = spawn;
        this.signals = signals;
        this.changes = changes;
        this.supervision = supervision;
        this.releaseFreeMemory = releaseFreeMemory;
        this.pacing = new RestartPacing(this::notice, System.nanoTime());
    }

    /** Runs the command to the end; how catflap is to end. */
    Ending run() {
        signals.start(events::add);
        try (RunProcesses processes = runs.apply(events::add); ChangeSource watching = startWatching();
                UnacceptedConnections queues = acceptQueues.apply(events::add)) {
            tree = processes;
            startRun(); // a first start that fails ends catflap, as exec would
            return supervise();
        } finally {
            signals.stop();
        }
    }

    private ChangeSource startWatching() {
        changes.start(events::add);
        return changes;
    }

    private Ending supervise() {
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        while (true) {
            Event event = next(Math.min(quietUntil, state.restartDue()));
            Changed due = event == null ? state.takeDueRestart(System.nanoTime()) : null;
            Optional<Ending> end;
            if (event != null) {
                end = handle(event);
            } else if (due != null) {
                end = restart(due.description());
            } else {
                // What starting (or restarting) freed, such as the JIT's work areas, would stay
                // resident while catflap waits: once things are quiet, malloc gives it back.
                releaseFreeMemory.run();
                quietUntil = Long.MAX_VALUE;
                continue;
            }
            if (end.isPresent()) {
                return end.get();
            }
            if (!(event instanceof Unaccepted)) { // a client waiting for long leaves catflap quiet
                quietUntil = System.nanoTime() + QUIET.toNanos();
            }
        }
    }

    private Optional<Ending> handle(Event event) {
        if (event instanceof Exited exited) {
            return exited(exited.pid());
        }
        if (event instanceof Signalled signalled) {
            return signalled(signalled);
        }
        if (event instanceof Interrupted interrupted) {
            tree.signalEscaped(interrupted.signal()); // the group has it from the terminal already
            return interrupt(interrupted.signal());
        }
        if (event instanceof Foreground) {
            tree.foreground();
        }
        if (event instanceof Changed changed) {
            return changed(changed);
        }
        if (event instanceof Stopped) {
            tree.childStopped();
        }
        if (event instanceof Unaccepted unaccepted) {
            waitingClients.waiting(unaccepted, System.nanoTime(), tree.child() != 0);
        }
        return Optional.empty(); // an adopted process ended: only a run that is ending waits for that
    }

    private Optional<Ending> exited(int pid) {
        if (pid != tree.child()) {
            return Optional.empty();
        }
        Ending child = reap();
        // A command that had the terminal got Ctrl-C alone: when it ends by it, as a shell's
        // foreground job would, catflap ends too (a JVM exits with 130 on SIGINT).
        if (tree.childHadTerminal() && KEYBOARD.stream().anyMatch(child::after)) {
            state.stop();
        }
        if (!supervision.watching() || state.stopping()) {
            stopRun(!state.runSignalled()); // what the command left running ends with catflap
            return Optional.of(ended(child));
        }
        state.exitedByItself();
        notice("the command exited with status " + child.status() + "; it starts again on the next change");
        waitingClients.ended(child);
        return Optional.empty();
    }

    /**
     * A signal to catflap. Ctrl-C or Ctrl-\ from the terminal catflap's group has (and, when
     * watching, SIGINT or SIGQUIT from anyone) ends catflap and its run, whatever the command does
     * with it; without watching, catflap otherwise ends when its child does, as exec would.
     */
    private Optional<Ending> signalled(Signalled signalled) {
        int signal = signalled.signal();
        if (isRestartOnDemand(signal)) {
            state.dropWaitingRestart(); // a restart that waits comes now
            return restart("catflap received SIGHUP");
        }
        forward(signal);
        if (KEYBOARD.contains(signal) && (signalled.fromTerminal() || supervision.watching())) {
            return interrupt(signal);
        }
        if (!supervision.watching() || !ENDING.contains(signal)) {
            return Optional.empty();
        }
        state.stop();
        boolean childRunning = tree.child() != 0;
        stopRun(false); // the run has the signal already
        return Optional.of(childRunning ? ended(state.lastChild()) : Ending.bySignal(signal));
    }

    /**
     * Ctrl-C or Ctrl-\: the run has the signal, and --grace to end by it, then SIGKILL; catflap
     * then ends by the signal (status 130 or 131), as a shell's interrupted job, even where the
     * command exited 0 on it or went on.
     */
    private Optional<Ending> interrupt(int signal) {
        state.interruptedBy(signal);
        state.runSignalled(signal);
        stopRun(false);
        return Optional.of(Ending.bySignal(signal));
    }

    /**
     * How catflap ends after its child ended as {@code child}: by the keyboard signal that
     * interrupted it, or as the child, except that a child catflap killed when --grace ran out
     * makes catflap exit with 137 rather than be killed: a shell would say catflap was.
     */
    private Ending ended(Ending child) {
        if (state.interruptedBy() != 0) {
            return Ending.bySignal(state.interruptedBy());
        }
        if (state.childWasKilled() && child.signal() == Signals.SIGKILL) {
            notice("exiting with status " + child.status() + ": the command was killed with SIGKILL when --grace ran out");
            return new Ending(child.status(), 0);
        }
        return child;
    }

    /** A change: the restart at once, or later (see {@link RestartPacing}), but never lost. */
    private Optional<Ending> changed(Changed change) {
        if (state.alsoRestartFor(change)) { // a restart that waits is for every change meanwhile
            return Optional.empty();
        }
        long now = System.nanoTime();
        Duration wait = pacing.waitFor(change.path(), now);
        if (wait.isZero()) {
            return restart(change.description());
        }
        state.restartAt(now + wait.toNanos(), change);
        return Optional.empty();
    }

    /** Ends the run, if any is left, and starts the next; {@code why} in the line that says so. */
    private Optional<Ending> restart(String why) {
        notice("restarting: " + why);
        if (!tree.runOver()) {
            boolean childRunning = tree.child() != 0;
            stopRun(true);
            if (state.stopping()) {
                boolean endsAsChild = childRunning || state.interruptedBy() != 0;
                return Optional.of(endsAsChild ? ended(state.lastChild()) : Ending.bySignal(Signals.SIGTERM));
            }
        }
        tree.forgetRun();
        try {
            startRun();
        } catch (CatflapException e) {
            state.notStarted();
            notice(e.getMessage() + "; trying again on the next change");
            waitingClients.notRunning("it could not start");
        }
        return Optional.empty();
    }

    private void startRun() {
        state.starting();
        pacing.started(System.nanoTime());
        waitingClients.started(System.nanoTime());
        tree.start(spawn);
    }

    /**
     * Ends every process of the run: SIGTERM unless they have their signal already, the grace
     * period, then SIGKILL, again for any process adopted since, until none is left.
     */
    private void stopRun(boolean terminate) {
        if (terminate) {
            tree.signalRun(Signals.SIGTERM);
            state.runSignalled(Signals.SIGTERM);
        }
        if (!awaitRunOver(System.nanoTime() + supervision.grace().toNanos())) {
            noticeKill();
            if (tree.child() != 0) {
                state.childKilled();
            }
            do {
                tree.signalRun(Signals.SIGKILL);
            } while (!awaitRunOver(System.nanoTime() + POLL.toNanos()));
        }
        tree.forgetRun();
    }

    /**
     * Waits until no process of the run is left, until {@code deadline} (System.nanoTime()); the
     * child is reaped, signals received meanwhile are passed on, changes dropped (the next start
     * sees them anyway). False when the deadline came first.
     */
    private boolean awaitRunOver(long deadline) {
        while (!tree.runOver()) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            Event event = next(Math.min(deadline, now + POLL.toNanos()));
            if (event instanceof Exited exited && exited.pid() == tree.child()) {
                reap();
            } else if (event instanceof Signalled signalled && !isRestartOnDemand(signalled.signal())) {
                forward(signalled.signal());
                if (ENDING.contains(signalled.signal())) {
                    state.stop();
                }
                if (KEYBOARD.contains(signalled.signal()) && (signalled.fromTerminal() || supervision.watching())) {
                    state.interruptedBy(signalled.signal());
                }
            } else if (event instanceof Interrupted interrupted) {
                tree.signalEscaped(interrupted.signal());
                state.interruptedBy(interrupted.signal());
            }
        }
        return true;
    }

    /** --grace ran out: one line says why a restart or catflap's end took that long, and what is killed. */
    private void noticeKill() {
        String grace = "--grace " + BigDecimal.valueOf(supervision.grace().toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
        String signal = Signals.name(state.runSignalled() ? state.runSignal() : Signals.SIGTERM);
        int child = tree.child();
        if (child != 0) {
            String command = ProcessHandle.of(child).flatMap(process -> process.info().command()).orElse("the command");
            notice(grace + " ran out: the command (pid " + child + ", " + command + ") did not end on " + signal + "; sending SIGKILL");
        } else {
            notice(grace + " ran out: processes the command left did not end on " + signal + "; sending SIGKILL");
        }
    }

    /**
     * Under --watch, SIGHUP restarts the command (a restart under way anyway takes it as said),
     * except where it is the shell's word that the terminal hung up.
     */
    private boolean isRestartOnDemand(int signal) {
        return signal == RESTART && supervision.watching() && !terminalHungUp.getAsBoolean();
    }

    /**
     * Passes a signal on: one that ends goes to every process of the run, as a terminal sends
     * Ctrl-C to a whole job; SIGUSR1 and SIGUSR2 go to the command alone.
     */
    private void forward(int signal) {
        if (ENDING.contains(signal)) {
            tree.signalRun(signal);
            state.runSignalled(signal);
        } else {
            tree.signalChild(signal);
        }
    }

    /** Collects the child; a Ctrl-C the terminal sent its run shows now, and ends catflap. */
    private Ending reap() {
        Ending child = Ending.of(tree.reapChild());
        state.reaped(child, tree.interruption());
        return child;
    }

    /** The next event, or null once {@code deadline} (System.nanoTime()) has passed. */
    private Event next(long deadline) {
        try {
            if (deadline == Long.MAX_VALUE) {
                return events.take();
            }
            return events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while supervising", e);
        }
    }

    private void notice(String line) {
        supervision.notices().accept(line);
    }
}
