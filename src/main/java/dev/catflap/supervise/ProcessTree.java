package dev.catflap.supervise;

import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Exited;
import dev.catflap.supervise.Event.Foreground;
import dev.catflap.supervise.Event.Interrupted;
import dev.catflap.supervise.Event.Reaped;
import dev.catflap.supervise.Event.Stopped;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The processes of the command's runs. Each run is a process group of its own, led by the child
 * catflap spawned (see {@code Spawn}), so that catflap can signal all of it: the server behind
 * {@code npm start}, {@code sh -c} or Maven is a grandchild. catflap is a child subreaper: a
 * process of a run whose parent ends becomes catflap's child rather than init's, so catflap sees,
 * signals and reaps the ones that left the group too (a daemon that called setsid), and knows a
 * run is over when no child but the {@link Watchdog} is left. The watchdog ends the group when
 * catflap is killed.
 *
 * <p>Where catflap is in its terminal's foreground, each run gets the terminal (tcsetpgrp), so that
 * Ctrl-C and the keyboard reach the command as they would started directly; catflap takes it back
 * when the child ends. A {@link Tripwire} in the run's group tells catflap of the terminal's
 * Ctrl-C and Ctrl-\ ({@link Interrupted}). After Ctrl-Z and {@code bg}, catflap and the run go on
 * in the background, and the shell keeps the terminal; once the shell hands it to catflap again
 * ({@code fg}), catflap hands it on to the run ({@link Foreground}).
 *
 * <p>One thread reaps every child: the run's child is reported as {@link Exited} and left for the
 * supervisor to reap (its pid stays taken until then, so signals cannot reach another process);
 * adopted ones are reaped at once and reported as {@link Reaped}.
 */
final class ProcessTree implements RunProcesses {
    private static final int NONE = 0;
    private static final long IDLE_WAIT_MILLIS = 100;
    /** How often catflap, in the background while a run is, looks whether the shell gave it the terminal (fg). */
    private static final long FOREGROUND_POLL_MILLIS = 100;

    private final Posix posix;
    private final Consumer<Event> events;
    private final Watchdog watchdog;
    private final boolean adopting;
    /** The terminal, where catflap had it in the foreground as it began; else -1. */
    private final int terminal;
    /** The keyboard signals a run's {@link Tripwire} counts. */
    private final Set<Integer> keyboard;
    private final Object lock = new Object();
    private final Semaphore childReaped = new Semaphore(0);
    /** Guarded by {@link #lock}: the reaper must know the child as soon as it can end. */
    private int child = NONE;
    private boolean closed;
    /** The current run's group, until the run is over. */
    private int group = NONE;
    /** Volatile: the thread that awaits the foreground stops once a run has the terminal. */
    private volatile boolean childHasTerminal;
    /** Guarded by {@link #lock}: the current run's, while it has a child; else null. */
    private Tripwire tripwire;
    /** The keyboard signal the last child's run got from the terminal, or 0. */
    private int interruption;
    /** True while a thread looks whether catflap is in the terminal's foreground again. */
    private volatile boolean awaitingForeground;

    private ProcessTree(Posix posix, Consumer<Event> events, boolean terminal, Set<Integer> keyboard) {
        this.posix = posix;
        this.events = events;
        this.keyboard = keyboard;
        this.adopting = posix.self().adoptOrphans(true);
        this.terminal = terminal ? posix.terminal().foregroundTerminal() : -1;
        this.watchdog = Watchdog.start(posix);
    }

    /**
     * Begins looking after the runs; {@code events} hears of their ends. With {@code terminal},
     * each run gets catflap's terminal while catflap has it, and the terminal's {@code keyboard}
     * signals (SIGINT, SIGQUIT) to the run are reported as {@link Interrupted}.
     */
    static ProcessTree start(Posix posix, Consumer<Event> events, boolean terminal, Set<Integer> keyboard) {
        ProcessTree tree = new ProcessTree(posix, events, terminal, keyboard);
        Thread reaper = new Thread(tree::reap, "catflap-reaper");
        reaper.setDaemon(true);
        reaper.start();
        return tree;
    }

    /**
     * Starts a run with {@code spawn}, which returns the new child's pid: the watchdog guards its
     * group, and it gets the terminal where catflap has it.
     */
    @Override
    public int start(IntSupplier spawn) {
        int pid;
        synchronized (lock) {
            pid = spawn.getAsInt();
            child = pid;
            lock.notifyAll();
        }
        group = pid;
        watchdog.guard(pid);
        interruption = 0;
        if (terminal >= 0) {
            Tripwire started = Tripwire.start(posix, pid, keyboard);
            synchronized (lock) {
                tripwire = started;
            }
        }
        childHasTerminal = false;
        childHasTerminal = giveTerminal(pid);
        return pid;
    }

    @Override
    public int child() {
        synchronized (lock) {
            return child;
        }
    }

    @Override
    public boolean childHadTerminal() {
        return childHasTerminal;
    }

    @Override
    public int reapChild() {
        int pid = child();
        disarmTripwire(); // the child's end is seen: what the terminal sent the group shows now
        int status = posix.processes().reap(pid);
        synchronized (lock) {
            child = NONE;
        }
        childReaped.release();
        takeTerminalBack();
        return status;
    }

    @Override
    public int interruption() {
        return interruption;
    }

    /** Reads the tripwire, then ends it: a run without a child has no terminal, catflap gets Ctrl-C itself. */
    private void disarmTripwire() {
        synchronized (lock) {
            if (tripwire != null) {
                int tripped = tripwire.tripped();
                if (tripped != 0) {
                    interruption = tripped;
                }
                tripwire.disarm();
                tripwire = null;
            }
        }
    }

    @Override
    public void signalChild(int signal) {
        int pid = child();
        if (pid != NONE) {
            posix.processes().sendSignal(pid, signal);
        }
    }

    /** Sends {@code signal} to every process of the run: its group, and those that left it and catflap adopted. */
    @Override
    public void signalRun(int signal) {
        if (group == NONE) {
            return;
        }
        if (signal == Signals.SIGINT || signal == Signals.SIGQUIT) {
            disarmTripwire(); // catflap's own signal is no Ctrl-C
        }
        posix.processes().signalGroup(group, signal);
        signalEscaped(signal);
    }

    /** Sends {@code signal} to the processes of the run that left its group, which the terminal's signals miss. */
    @Override
    public void signalEscaped(int signal) {
        if (group == NONE) {
            return;
        }
        for (long pid : adopted()) {
            if (posix.processes().processGroupOf((int) pid) != group) {
                posix.processes().sendSignal((int) pid, signal);
            }
        }
    }

    @Override
    public boolean runOver() {
        return group == NONE || child() == NONE && adopted().isEmpty() && !posix.processes().signalGroup(group, 0);
    }

    @Override
    public void forgetRun() {
        if (group != NONE) {
            watchdog.clear();
            group = NONE;
        }
    }

    /**
     * The child stopped: where that was Ctrl-Z (it had the terminal), catflap takes the terminal
     * back and stops its own job with SIGTSTP, as the shell expects of its foreground job. When the
     * shell continues it, the run continues too, and gets the terminal back only where the shell
     * gave it to catflap ({@code fg}); after {@code bg} the shell keeps it. Where catflap cannot
     * stop (an orphaned process group), the run simply goes on.
     */
    @Override
    public void childStopped() {
        if (!childHasTerminal || posix.terminal().foregroundGroup(terminal) != group) {
            return;
        }
        takeTerminalBack();
        childHasTerminal = false;
        posix.self().stopJob(); // returns once continued
        childHasTerminal = giveTerminal(group);
        posix.processes().signalGroup(group, Signals.SIGCONT);
    }

    /** catflap is in the terminal's foreground again ({@code fg}): the run gets the terminal, if it still lacks it. */
    @Override
    public void foreground() {
        if (group != NONE && child() != NONE && !childHasTerminal) {
            childHasTerminal = giveTerminal(group);
        }
    }

    /** Kills what is left of a run (catflap ends on an error), gives the terminal back, stops the watchdog. */
    @Override
    public void close() {
        if (!runOver()) {
            signalRun(Signals.SIGKILL);
        }
        takeTerminalBack();
        watchdog.close();
        if (terminal >= 0) {
            posix.descriptors().close(terminal);
        }
        if (adopting) {
            posix.self().adoptOrphans(false); // in dev mode the JVM lives on
        }
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        childReaped.release();
    }

    /** The children catflap adopted, zombies included: every child but the run's own and the watchdog. */
    private List<Long> adopted() {
        int own = child();
        return Arrays.stream(posix.processes().children()).boxed()
                .filter(pid -> pid != own && pid != watchdog.pid()).toList();
    }

    /**
     * Gives the terminal to the run's group; its reads then work and Ctrl-C reaches it alone. A
     * command that read the terminal before it had it was stopped (SIGTTIN): it goes on.
     */
    private boolean giveTerminal(int pid) {
        if (terminal < 0) {
            return false;
        }
        if (posix.terminal().foregroundGroup(terminal) != posix.self().processGroup()) {
            awaitForeground();
            return false;
        }
        if (!posix.terminal().setForegroundGroup(terminal, pid)) {
            return false;
        }
        posix.processes().signalGroup(pid, Signals.SIGCONT);
        return true;
    }

    /** Takes the terminal back from the run's group, unless someone else has it by now. */
    private void takeTerminalBack() {
        if (terminal >= 0 && group != NONE && posix.terminal().foregroundGroup(terminal) == group) {
            posix.terminal().setForegroundGroup(terminal, posix.self().processGroup());
        }
    }

    /**
     * Looks, now and then, until catflap is in the terminal's foreground again, and then says so
     * once: a shell's {@code fg} hands the terminal to catflap's group and continues it, and nothing
     * else tells catflap (its SIGCONT has no handler).
     */
    private void awaitForeground() {
        if (awaitingForeground) {
            return;
        }
        awaitingForeground = true;
        int own = posix.self().processGroup();
        Thread thread = new Thread(() -> {
            try {
                while (idleFor(FOREGROUND_POLL_MILLIS) && !childHasTerminal) {
                    if (posix.terminal().foregroundGroup(terminal) == own) {
                        events.accept(new Foreground());
                        return;
                    }
                }
            } finally {
                awaitingForeground = false;
            }
        }, "catflap-foreground");
        thread.setDaemon(true);
        thread.start();
    }

    private void reap() {
        while (true) {
            int pid = posix.processes().awaitAnyChild();
            if (pid < 0) {
                posix.processes().takeStop(-pid);
                if (-pid == child()) {
                    events.accept(new Stopped(-pid));
                }
            } else if (pid == NONE) {
                if (!idle()) {
                    return;
                }
            } else if (pid == child()) {
                events.accept(new Exited(pid));
                childReaped.acquireUninterruptibly();
            } else {
                int tripped = reapAdopted(pid);
                if (tripped != 0) {
                    events.accept(new Interrupted(tripped));
                }
                events.accept(new Reaped(pid));
            }
        }
    }

    /**
     * Collects an adopted process, or the watchdog. A child whose exec failed is collected by
     * posix_spawn itself, maybe first: then there is nothing left to collect.
     */
    private int reapAdopted(int pid) {
        synchronized (lock) { // a tripwire is read under the lock: it is either there or collected
            int status;
            try {
                status = posix.processes().reap(pid);
            } catch (PosixException gone) {
                return 0; // collected already
            }
            return tripwire != null && tripwire.pid() == pid ? tripwire.collected(status) : 0;
        }
    }

    /** Waits a while for a child to come, as catflap has none; false once closed. */
    private boolean idle() {
        return idleFor(IDLE_WAIT_MILLIS);
    }

    /** Waits {@code millis}, or less; false once closed. */
    private boolean idleFor(long millis) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            try {
                lock.wait(millis);
            } catch (InterruptedException e) {
                return false;
            }
            return true;
        }
    }
}
