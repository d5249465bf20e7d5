package dev.catflap.launch;

import dev.catflap.CatflapException;
import dev.catflap.CatflapLine;
import dev.catflap.ExitStatus;
import dev.catflap.posix.Errno;
import dev.catflap.posix.OpenFilesLimit;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.PreparedBytes;
import dev.catflap.posix.PreparedExec;
import dev.catflap.posix.Signals;
import dev.catflap.socket.BoundSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces catflap with the command: same pid, no shell. Before the execve the process is made to
 * look as if the caller had started the command directly: the caller's signal state and open-files
 * limit, only fds 0-2 and the sockets open, the sockets at 3, 4, ... (or the one socket at 0,
 * replacing stdin), and closed whichever of 0-2 the caller had closed.
 *
 * <p>Placing the sockets overwrites whatever the JVM had at those numbers (its jars and modules
 * file), so everything that could load a class is done first, and a failing execve is reported
 * with memory and calls prepared in advance.
 */
final class Exec {
    private static final int[] REPORTED_ERRNOS = {Errno.ENOENT, Errno.EACCES, Errno.ENOEXEC, Errno.ENOTDIR, Errno.EPERM};

    private final Posix posix;

    Exec(Posix posix) {
        this.posix = posix;
    }

    /** Replaces this process with the command; returns only in a {@link TrainingRun}. */
    void run(LaunchPlan plan, CallerState caller) {
        PreparedExec exec = new PreparedExec(plan.executable(), plan.command().words(), plan.environment().entries());
        PreparedExec shellFallback = new PreparedExec(LaunchPlan.SHELL, plan.shellWords(), plan.environment().entries());
        int[] callerClosed = ClosedStandardDescriptors.forCommand(plan);
        Optional<byte[]> interpreter = ScriptInterpreter.of(plan.executable());
        Map<Integer, PreparedBytes> messages = failureMessages(plan.command().displayName(), interpreter);
        PreparedBytes otherFailure = message(plan.command().displayName() + ": cannot execute");
        Map<Integer, Integer> statuses = failureStatuses(interpreter.isPresent());
        int otherStatus = ExitStatus.NOT_EXECUTABLE.code();
        OpenFilesLimit openFilesLimit = caller.openFilesSoftLimit().isPresent()
                ? posix.self().openFilesLimitWithSoft(caller.openFilesSoftLimit().getAsLong())
                : null;
        // Blocking, as the command expects its sockets: the flag is shared by every copy.
        // Loops, not lambdas, in this method: its lambdas were not in the start-up archive (the
        // one here was made anew at every start, a class generated before the exec).
        for (BoundSocket socket : plan.sockets()) {
            posix.descriptors().setBlocking(socket.fd());
        }
        int end = plan.endOfSockets();
        SocketPlacement placement = SocketPlacement.of(plan.sockets(), plan.firstSocketFd());
        SocketPlacement.checkFits(plan.sockets().size(), plan.firstSocketFd(), placement.usesSpare() ? end : -1,
                posix.self().openFilesLimit()[0]);
        int spare = placement.usesSpare() ? reserveSpare(plan, end) : -1;
        int[] moves = placement.moves(spare);
        posix.exec().prepareForExec();
        System.out.flush();
        System.err.flush();
        if (TrainingRun.requested()) {
            return; // everything the exec needs has run; the process is still the caller's
        }

        if (plan.directory().isPresent()) {
            changeDirectory(plan.directory().get());
        }
        restoreSignals(caller);
        posix.descriptors().closeOnExecFrom(LaunchPlan.FIRST_SOCKET_FD);
        placeSockets(moves, spare);
        if (openFilesLimit != null) {
            // Last: a low limit could leave no room above the sockets to move them through.
            posix.self().setOpenFilesLimit(openFilesLimit);
        }
        posix.descriptors().closeOnExecAgainFrom(end); // what another JVM thread opened meanwhile
        for (int fd : callerClosed) {
            // Only the execve closes them: until then they hold their numbers against other threads' files.
            posix.descriptors().setCloseOnExec(fd, true);
        }

        int errno = posix.exec().execve(exec);
        if (errno == Errno.ENOEXEC) {
            // A script without a #! line: shells and execvp hand it to /bin/sh.
            errno = posix.exec().execve(shellFallback);
        }
        posix.exec().die(messages.getOrDefault(errno, otherFailure), statuses.getOrDefault(errno, otherStatus));
    }

    /**
     * Into the command's directory, last of what may still fail with a message: the sockets are
     * bound (a relative socket path is where catflap runs) and the JVM's files still open.
     */
    private void changeDirectory(byte[] directory) {
        try {
            posix.self().changeDirectory(directory);
        } catch (PosixException e) {
            throw CatflapException.failure("cannot run the command in " + OsString.decode(directory) + ": " + e.getMessage());
        }
    }

    /**
     * The JVM catches signals (their handlers reset on exec by themselves), ignores none of its
     * own, and blocks SIGQUIT: give the command the caller's mask, and ignore again what the
     * caller ignored where the JVM took it over.
     */
    private void restoreSignals(CallerState caller) {
        for (int signal : Signals.settable()) {
            if (caller.isIgnored(signal)) {
                posix.signals().setSignalIgnored(signal, true);
            }
        }
        posix.signals().setSignalMask(caller.blockedSignals());
    }

    /**
     * A descriptor for {@link SocketPlacement}'s spare: one that is free now, so that using it
     * overwrites nothing of the JVM's. Taken before anything is moved, so that a failure still
     * ends as a message.
     */
    private int reserveSpare(LaunchPlan plan, int end) {
        try {
            return posix.descriptors().duplicateAtOrAbove(plan.sockets().get(0).fd(), end);
        } catch (PosixException e) {
            throw CatflapException.failure("cannot place " + plan.sockets().size() + " sockets: " + e.getMessage());
        }
    }

    /**
     * Runs the placement's dup2 calls: the sockets at their numbers, the only descriptors above 2
     * left open across exec (dup2 clears close-on-exec on its copy; every other descriptor was
     * marked before). A socket placed at 0 replaces stdin: nothing reads it any more.
     */
    private void placeSockets(int[] moves, int spare) {
        for (int k = 0; k < moves.length; k += 2) {
            posix.descriptors().duplicateTo(moves[k], moves[k + 1]);
        }
        if (spare >= 0) {
            posix.descriptors().close(spare);
        }
    }

    /**
     * The message for each errno execve may fail with. For a script, the file was there a moment
     * ago: ENOENT is about its #! interpreter.
     */
    private static Map<Integer, PreparedBytes> failureMessages(String command, Optional<byte[]> interpreter) {
        Map<Integer, PreparedBytes> messages = new HashMap<>();
        for (int errno : REPORTED_ERRNOS) {
            String reason = Errno.describe(errno);
            messages.put(errno, message(command + ": " + (errno == Errno.ENOENT && interpreter.isPresent()
                    ? ScriptInterpreter.describe(interpreter.get(), reason)
                    : reason)));
        }
        return messages;
    }

    /**
     * The exit status for each errno execve may fail with ({@link ExitStatus}'s rule), worked out
     * in advance as the messages are; any other errno gives 126.
     */
    private static Map<Integer, Integer> failureStatuses(boolean script) {
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int errno : REPORTED_ERRNOS) {
            statuses.put(errno, ExitStatus.ofExecFailure(errno, script).code());
        }
        return statuses;
    }

    private static PreparedBytes message(String text) {
        return new PreparedBytes(CatflapLine.bytes(text));
    }
}
