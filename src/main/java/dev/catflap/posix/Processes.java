package dev.catflap.posix;

/** Child processes: started with posix_spawn, signalled, waited for and collected. */
public interface Processes {
    /**
     * Prepares what posix_spawn is to do in each child: {@code dup2(moves[2k], moves[2k + 1])} in
     * order, then close each of {@code closed} and every descriptor from {@code closeFrom} up,
     * block {@code signalMask} and give the signals in {@code defaultSignals} their default action.
     */
    SpawnAttributes spawnAttributes(int[] moves, int[] closed, int closeFrom, long signalMask, long defaultSignals);

    /** Makes each child spawned with {@code spawn} the leader of a new process group, whose id is its pid. */
    void inNewProcessGroup(SpawnAttributes spawn);

    /** Puts each child spawned with {@code spawn} into the existing process {@code group} (of this session). */
    void inProcessGroup(SpawnAttributes spawn, int group);

    /** Opens /dev/null at {@code fd} in each child spawned with {@code spawn}, after its other file actions. */
    void openNullAt(SpawnAttributes spawn, int fd);

    /**
     * Makes each child spawned with {@code spawn} start in {@code directory}, through glibc 2.29's
     * posix_spawn_file_actions_addchdir_np.
     *
     * @throws PosixException (ENOSYS) where the C library has no such call
     */
    void inDirectory(SpawnAttributes spawn, byte[] directory);

    /** Starts {@code exec} as a child process, as {@code spawn} prepared it; the child's pid. */
    int spawn(PreparedExec exec, SpawnAttributes spawn);

    /** Sends {@code signal} to {@code pid}; a process already gone is no error. */
    void sendSignal(int pid, int signal);

    /** Sends {@code signal} to every process of {@code group}; false when the group has none left. */
    boolean signalGroup(int group, int signal);

    /** This process's children, ended ones that wait to be collected included. */
    long[] children();

    /** The process group of {@code pid}, or -1 where it is gone. */
    int processGroupOf(int pid);

    /**
     * Waits until any child has ended, leaving it a zombie (its pid cannot be reused until
     * {@link #reap}), or has stopped; its pid, negative for a stop (see {@link #takeStop}), or 0
     * when this process has no child left to wait for.
     */
    int awaitAnyChild();

    /** Takes the report that child {@code pid} stopped, which would otherwise be reported again and again. */
    void takeStop(int pid);

    /** Collects the ended child {@code pid}; its wait status. */
    int reap(int pid);

    /**
     * How child {@code pid} ended, leaving it to be collected: the signal that killed it, 0 where
     * it exited; -1 while it runs (or where it is no child of this process any more).
     */
    int endedBy(int pid);

    /**
     * The signals pending for process {@code pid}, for the process or one of its threads (bit
     * {@code n-1} for signal {@code n}); 0 where it is gone.
     */
    long pendingSignals(int pid);

    /** True while process {@code pid} is on its way out (the kernel's PF_EXITING): it is ending, not yet a zombie perhaps. */
    boolean exiting(int pid);
}
