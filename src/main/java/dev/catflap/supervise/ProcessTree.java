package dev.catflap.supervise;

import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.Signals;
import dev.catflap.supervise.Event.Exited;
import dev.catflap.supervise.Event.Reaped;
import dev.catflap.supervise.Event.Stopped;
import java.util.Arrays;
import java.util.List;
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
 * when the child ends.
 *
 * <p>One thread reaps every child: the run's child is reported as {@link Exited} and left for the
 * supervisor to reap (its pid stays taken until then, so signals cannot reach another process);
 * adopted ones are reaped at once and reported as {@link Reaped}.
 */
final class ProcessTree implements Runs {
    private static final int NONE = 0;
    private static final long IDLE_WAIT_MILLIS = 100;

    private final Posix posix;
    private final Consumer<Event> events;
    private final Watchdog watchdog;
    private final boolean adopting;
    /** The terminal, where catflap had it in the foreground as it began; else -1. */
    private final int terminal;
    private final Object lock = new Object();
    private final Semaphore childReaped = new Semaphore(0);
    /** Guarded by {@link #lock}: the reaper must know the child as soon as it can end. */
    private int child = NONE;
    private boolean closed;
    /** The current run's group, until the run is over. */
    private int group = NONE;
    private boolean childHasTerminal;

    private ProcessTree(Posix posix, Consumer<Event> events, boolean terminal) {
        this.posix = posix;
        this.events = events;
        this.adopting = posix.self().adoptOrphans(true);
        this.terminal = terminal ? posix.terminal().foregroundTerminal() : -1;
        this.watchdog = Watchdog.start(posix);
    }

    /**
     * Begins looking after the runs; {@code events} hears of their ends. With {@code terminal},
     * each run gets catflap's terminal while catflap has it.
     */
    static ProcessTree start(Posix posix, Consumer<Event> events, boolean terminal) {
        ProcessTree tree = new ProcessTree(posix, events, terminal);
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
        int status = posix.processes().reap(pid);
        synchronized (lock) {
            child = NONE;
        }
        childReaped.release();
        takeTerminalBack();
        return status;
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
        posix.processes().signalGroup(group, signal);
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
     * back and stops its own job with SIGTSTP, as the shell expects of its foreground job; when the
     * shell continues it ({@code fg}), the run gets the terminal back and continues too. Where
     * catflap cannot stop (an orphaned process group), the run simply goes on.
     */
    @Override
    public void childStopped() {
        if (!childHasTerminal || posix.terminal().foregroundGroup(terminal) != group) {
            return;
        }
        takeTerminalBack();
        posix.processes().signalGroup(posix.self().processGroup(), Signals.SIGTSTP); // returns once continued
        childHasTerminal = giveTerminal(group);
        posix.processes().signalGroup(group, Signals.SIGCONT);
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
        if (terminal < 0 || posix.terminal().foregroundGroup(terminal) != posix.self().processGroup()) {
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
                reapAdopted(pid);
                events.accept(new Reaped(pid));
            }
        }
    }

    /**
     * Collects an adopted process, or the watchdog. A child whose exec failed is collected by
     * posix_spawn itself, maybe first: then there is nothing left to collect.
     */
    private void reapAdopted(int pid) {
        try {
            posix.processes().reap(pid);
        } catch (PosixException gone) {
            // collected already
        }
    }

    /** Waits a while for a child to come, as catflap has none; false once closed. */
    private boolean idle() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            try {
                lock.wait(IDLE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                return false;
            }
            return true;
        }
    }
}
