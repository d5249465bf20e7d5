package dev.catflap.supervise;

import java.util.function.IntSupplier;

/**
 * The processes of the command's runs, as the {@link RestartLoop} sees them: its one job is to
 * start a run (the child and whatever it starts), signal it, reap the child and tell when nothing of
 * the run is left. {@link ProcessTree} on the system, a fake in tests. Ends are reported as
 * {@link Event}s to whoever made it.
 */
interface RunProcesses extends AutoCloseable {
    /** Starts a run with {@code spawn}, which returns the new child's pid. */
    int start(IntSupplier spawn);

    /** The running child, or 0. */
    int child();

    /** True when the child that ended last had the terminal: a Ctrl-C was the command's. */
    boolean childHadTerminal();

    /** Collects the child once it was reported {@link Event.Exited}; its wait status. */
    int reapChild();

    /** Sends {@code signal} to the child alone. */
    void signalChild(int signal);

    /** Sends {@code signal} to every process of the run. */
    void signalRun(int signal);

    /** True when no process of the current run is left (and when there is no run). */
    boolean runOver();

    /** The run's processes are gone: its group's number may go to another process. */
    void forgetRun();

    /** The child stopped (reported as {@link Event.Stopped}). */
    void childStopped();

    /** catflap is in the terminal's foreground again (reported as {@link Event.Foreground}). */
    default void foreground() {
    }

    /**
     * The keyboard signal (SIGINT, SIGQUIT) the terminal sent the last child's run, once the child
     * is collected; 0 for none.
     */
    default int interruption() {
        return 0;
    }

    /** Sends {@code signal} to the processes of the run that left its group. */
    default void signalEscaped(int signal) {
    }

    /** Kills what is left of a run (catflap ends on an error) and lets go of the terminal. */
    @Override
    void close();
}
