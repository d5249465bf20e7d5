package dev.catflap.launch;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import dev.catflap.posix.Errno;
import dev.catflap.posix.OpenFilesLimit;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.PreparedExec;
import dev.catflap.posix.SignalAction;
import dev.catflap.posix.Signals;
import dev.catflap.posix.SpawnAttributes;
import dev.catflap.socket.BoundSocket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the command as a child of catflap, as often as the supervisor asks, and gives it what
 * {@link Exec} gives it: only fds 0-2 (those the caller had open) and the sockets (at 3, 4, ..., or
 * the one at 0), the caller's
 * signal mask, ignored signals and open-files limit, the caller's arguments and environment byte
 * for byte. It uses posix_spawn, never fork: a forked copy of the JVM could deadlock on a lock
 * another thread held, while glibc's posix_spawn runs nothing in the child but the file actions
 * and attributes prepared here.
 */
public final class Spawn {
    /**
     * Signals the JVM catches only to ignore them (SIGPIPE, SIGXFSZ) or to print thread dumps
     * (SIGQUIT). A caught signal reaches an exec'd program at its default action, so where the
     * caller ignored one of these, it is ignored for the moment of each spawn and the child
     * inherits it ignored. (HotSpot leaves alone the other signals a caller ignored.)
     */
    private static final int[] BRIEFLY_IGNORABLE = {Signals.SIGQUIT, Signals.SIGPIPE, Signals.SIGXFSZ};

    private final Posix posix;
    private final CallerState caller;
    private final String name;
    private final byte[] executable;
    private final PreparedExec exec;
    private final PreparedExec shellFallback;
    private final SpawnAttributes attributes;
    private final List<BoundSocket> sockets;

    /**
     * @param pidVariable a variable of the plan's environment that must hold the child's own pid
     *     (LISTEN_PID), set through {@link PidVariableTrampoline}
     */
    public Spawn(Posix posix, LaunchPlan plan, CallerState caller, Optional<String> pidVariable) {
        this.posix = posix;
        this.caller = caller;
        this.name = plan.command().displayName();
        this.executable = plan.executable();
        List<byte[]> environment = plan.environment().entries();
        this.exec = pidVariable.map(variable -> PidVariableTrampoline.exec(plan, variable))
                .orElseGet(() -> new PreparedExec(plan.executable(), plan.command().words(), environment));
        this.shellFallback = new PreparedExec(LaunchPlan.SHELL, plan.shellWords(), environment);
        this.sockets = plan.sockets();
        this.attributes = attributes(plan);
        // Each run in a process group of its own, which catflap can end whole, however deep the
        // server is (npm, sh -c, mvn), without signalling the group catflap's caller put it in.
        posix.processes().inNewProcessGroup(attributes);
        plan.directory().ifPresent(this::inDirectory);
    }

    /** Each run starts in the command's directory: posix_spawn changes it in the child, not in catflap. */
    private void inDirectory(byte[] directory) {
        try {
            posix.processes().inDirectory(attributes, directory);
        } catch (PosixException e) {
            throw CatflapException.failure("cannot run the command in " + OsString.decode(directory) + ": " + e.getMessage());
        }
    }

    /**
     * Starts the command; its pid.
     *
     * @throws CatflapException (126 or 127, as shells say) when it cannot be started
     */
    public int start() {
        // Blocking, as the command expects them. The flag belongs to the open socket, which every
        // copy shares: a run that set O_NONBLOCK would otherwise hand it so to the next.
        sockets.forEach(socket -> posix.descriptors().setBlocking(socket.fd()));
        Map<Integer, SignalAction> caught = ignoreWhatTheCallerIgnored();
        OpenFilesLimit ownLimit = lowerOpenFilesLimit();
        try {
            return programOrScript();
        } catch (PosixException e) {
            throw notStarted(e);
        } finally {
            if (ownLimit != null) {
                posix.self().setOpenFilesLimit(ownLimit);
            }
            caught.forEach(posix.signals()::restoreSignal);
        }
    }

    /**
     * Why the command could not start. Between restarts a script's #! interpreter may have gone
     * (a virtualenv rebuilt): execve then fails with ENOENT as if the script were missing. When the
     * script is there and its interpreter too, what is missing is the interpreter's own.
     */
    private CatflapException notStarted(PosixException e) {
        Optional<String> badInterpreter = ScriptInterpreter.problem(posix.files(), executable);
        if (badInterpreter.isEmpty() && e.errno() == Errno.ENOENT && posix.files().exists(executable)) {
            badInterpreter = ScriptInterpreter.of(executable).map(interpreter -> ScriptInterpreter.describe(interpreter, e.getMessage()));
        }
        if (badInterpreter.isPresent()) {
            return new CatflapException(ExitStatus.NOT_EXECUTABLE, name + ": " + badInterpreter.get());
        }
        return new CatflapException(ExitStatus.ofExecFailure(e.errno(), false), name + ": " + e.getMessage());
    }

    private int programOrScript() {
        try {
            return posix.processes().spawn(exec, attributes);
        } catch (PosixException e) {
            if (e.errno() != Errno.ENOEXEC) {
                throw e;
            }
            return posix.processes().spawn(shellFallback, attributes);
        }
    }

    private Map<Integer, SignalAction> ignoreWhatTheCallerIgnored() {
        Map<Integer, SignalAction> previous = new HashMap<>();
        for (int signal : BRIEFLY_IGNORABLE) {
            if (caller.isIgnored(signal) && posix.signals().isSignalCaught(signal)) {
                previous.put(signal, posix.signals().ignoreSignal(signal));
            }
        }
        return previous;
    }

    /**
     * Under java -jar, HotSpot raised the open-files soft limit, and posix_spawn cannot set the
     * child's: catflap's own is the caller's for the moment of the spawn (its few descriptors are
     * far below any limit). The limit to restore afterwards, or null.
     */
    private OpenFilesLimit lowerOpenFilesLimit() {
        if (caller.openFilesSoftLimit().isEmpty()) {
            return null;
        }
        OpenFilesLimit own = posix.self().openFilesLimitWithSoft(posix.self().openFilesLimit()[0]);
        posix.self().setOpenFilesLimit(posix.self().openFilesLimitWithSoft(caller.openFilesSoftLimit().getAsLong()));
        return own;
    }

    /**
     * What posix_spawn does in each child: the sockets placed, nothing else above 2 inherited, what
     * the caller closed of 0-2 closed again, the caller's signals. The sockets must fit under the
     * limit the child gets, the caller's.
     */
    private SpawnAttributes attributes(LaunchPlan plan) {
        List<BoundSocket> sockets = plan.sockets();
        int end = plan.endOfSockets();
        SocketPlacement placement = SocketPlacement.of(sockets, plan.firstSocketFd());
        int spare = placement.usesSpare() ? SocketPlacement.spareFor(sockets, end) : -1;
        SocketPlacement.checkFits(sockets.size(), plan.firstSocketFd(), spare,
                caller.openFilesSoftLimit().orElseGet(() -> posix.self().openFilesLimit()[0]));
        int[] closed = ClosedStandardDescriptors.forCommand(plan);
        if (spare >= 0) {
            closed = Arrays.copyOf(closed, closed.length + 1);
            closed[closed.length - 1] = spare;
        }
        return posix.processes().spawnAttributes(placement.moves(spare), closed, end, caller.blockedSignals(), signalsToDefault(caller));
    }

    /** Every signal the caller did not ignore starts at its default action, whatever the JVM did with it. */
    private static long signalsToDefault(CallerState caller) {
        long set = 0;
        for (int signal : Signals.settable()) {
            if (!caller.isIgnored(signal)) {
                set |= CallerState.bit(signal);
            }
        }
        return set;
    }
}
