package dev.catflap.supervise;

import dev.catflap.launch.CallerState;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.PreparedExec;
import dev.catflap.posix.Processes;
import dev.catflap.posix.Signals;
import dev.catflap.posix.SpawnAttributes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells catflap that the terminal sent the run Ctrl-C (SIGINT) or Ctrl-\ (SIGQUIT). While the
 * run's group has the terminal, its keyboard signals reach that group alone, not catflap, and a
 * command that exits 0 on SIGINT (gunicorn, uvicorn, Node) looks like one that exited by itself.
 * So each run gets a {@code sleep} in its group, with no handler for either signal: it dies by
 * whichever the group gets, and catflap, its parent, sees it die. A signal sent to the command's
 * pid alone ({@code kill -INT PID}) does not reach it; one sent to the whole group does, as the
 * terminal's does.
 *
 * <p>It is read without a race when the command exits at the same moment: the terminal signals
 * every process of the group before any of them can be seen to have ended, so once the command's
 * end is seen, the tripwire has the signal pending, is on its way out, or is dead by it.
 */
final class Tripwire {
    private static final byte[] SHELL = "/bin/sh".getBytes(StandardCharsets.US_ASCII);
    /** No core file for SIGQUIT; dash finds sleep on its default PATH. */
    private static final String SCRIPT = "ulimit -c 0 2>/dev/null; exec sleep 2147483647";
    private static final Set<Integer> KEYBOARD = Set.of(Signals.SIGINT, Signals.SIGQUIT);
    /** How long a tripwire on its way out is waited for: it has no work to do before its end. */
    private static final long EXIT_WAIT_NANOS = 1_000_000_000L;

    private final Processes processes;
    private final int pid;
    private final Set<Integer> counted;
    /** Guarded by the caller: the signal it died by once collected, else -1. */
    private int endedBy = -1;

    private Tripwire(Processes processes, int pid, Set<Integer> counted) {
        this.processes = processes;
        this.pid = pid;
        this.counted = counted;
    }

    /** The keyboard signals the caller did not ignore: catflap ignores the others, as the command does. */
    static Set<Integer> counted(CallerState caller) {
        return KEYBOARD.stream().filter(signal -> !caller.isIgnored(signal)).collect(Collectors.toSet());
    }

    /**
     * Starts one in process {@code group}, with the {@code counted} signals at their default
     * action, SIGUSR1 and SIGUSR2 blocked (a command may send those to its group), no descriptor
     * but /dev/null; null where it cannot start (catflap then knows Ctrl-C only as before).
     */
    static Tripwire start(Posix posix, int group, Set<Integer> counted) {
        if (counted.isEmpty()) {
            return null;
        }
        Processes processes = posix.processes();
        long defaults = CallerState.bit(Signals.SIGHUP) | CallerState.bit(Signals.SIGTERM);
        for (int signal : counted) {
            defaults |= CallerState.bit(signal);
        }
        try {
            SpawnAttributes attributes = processes.spawnAttributes(new int[0], new int[0], 3,
                    CallerState.bit(Signals.SIGUSR1) | CallerState.bit(Signals.SIGUSR2), defaults);
            processes.inProcessGroup(attributes, group);
            processes.openNullAt(attributes, 0);
            processes.openNullAt(attributes, 1);
            processes.openNullAt(attributes, 2);
            List<byte[]> argv = List.of(SHELL, bytes("-c"), bytes(SCRIPT), bytes("catflap-tripwire"));
            return new Tripwire(processes, processes.spawn(new PreparedExec(SHELL, argv, List.of()), attributes), counted);
        } catch (PosixException e) {
            return null; // the group has ended already, or no process can start now
        }
    }

    int pid() {
        return pid;
    }

    /** It was collected with {@code waitStatus}; the keyboard signal it died by, or 0. */
    int collected(int waitStatus) {
        endedBy = waitStatus & 0x7f;
        return tripped(endedBy);
    }

    /**
     * The keyboard signal the group got, or 0. Called once the command's end is seen, and before
     * the tripwire is collected, or after with {@link #collected}.
     */
    int tripped() {
        long deadline = System.nanoTime() + EXIT_WAIT_NANOS;
        while (true) {
            if (endedBy >= 0) {
                return tripped(endedBy);
            }
            int signal = processes.endedBy(pid);
            if (signal >= 0) {
                return tripped(signal);
            }
            long pending = processes.pendingSignals(pid);
            for (int counted : counted) {
                if ((pending & CallerState.bit(counted)) != 0) {
                    return counted;
                }
            }
            // between taking the signal and becoming a zombie, nothing shows which signal it was
            if (!processes.exiting(pid) || System.nanoTime() - deadline > 0) {
                return 0;
            }
            Thread.onSpinWait();
        }
    }

    /** Ends it: the run it watched is over. */
    void disarm() {
        if (endedBy < 0) {
            processes.sendSignal(pid, Signals.SIGKILL);
        }
    }

    private int tripped(int signal) {
        return counted.contains(signal) ? signal : 0;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
