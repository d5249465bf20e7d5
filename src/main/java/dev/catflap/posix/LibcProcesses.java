package dev.catflap.posix;

import static dev.catflap.posix.Calls.checkResult;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.libraryC;
import static dev.catflap.posix.Calls.orElse;
import static dev.catflap.posix.Calls.retried;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.ShortByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** {@link Processes} through libc's posix_spawn and waitid. */
final class LibcProcesses implements Processes {
    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int O_RDWR = 2;
    private static final int P_ALL = 0;
    private static final int P_PID = 1;
    private static final int SIGINFO_PID_OFFSET = 16;
    private static final int WNOHANG = 1;
    private static final int WSTOPPED = 2;
    private static final int WEXITED = 4;
    private static final int CLD_EXITED = 1;
    private static final int CLD_STOPPED = 5;
    private static final int SIGINFO_STATUS_OFFSET = 24;
    private static final long PF_EXITING = 0x4;
    private static final int WNOWAIT = 0x01000000;
    private static final byte[] DEV_NULL = "/dev/null".getBytes(StandardCharsets.US_ASCII);

    /** Where Linux lists each thread's children (a kernel built with CONFIG_PROC_CHILDREN, as distributions' are). */
    private static final boolean CHILDREN_LISTED = LinuxProcFs.childrenListed();

    private final Descriptors descriptors;

    LibcProcesses(Descriptors descriptors) {
        this.descriptors = descriptors;
    }

    @Override
    public SpawnAttributes spawnAttributes(int[] moves, int[] closed, int closeFrom, long signalMask, long defaultSignals) {
        SpawnAttributes spawn = new SpawnAttributes(closeFrom);
        checkResult("posix_spawn_file_actions_init", libc().posix_spawn_file_actions_init(spawn.fileActions));
        for (int k = 0; k < moves.length; k += 2) {
            checkResult("posix_spawn_file_actions_adddup2", libc().posix_spawn_file_actions_adddup2(spawn.fileActions, moves[k], moves[k + 1]));
        }
        for (int fd : closed) {
            checkResult("posix_spawn_file_actions_addclose", libc().posix_spawn_file_actions_addclose(spawn.fileActions, fd));
        }
        spawn.childClosesDescriptors = addCloseFrom(spawn);
        checkResult("posix_spawnattr_init", libc().posix_spawnattr_init(spawn.attributes));
        checkResult("posix_spawnattr_setflags", libc().posix_spawnattr_setflags(spawn.attributes, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
        checkResult("posix_spawnattr_setsigmask", libc().posix_spawnattr_setsigmask(spawn.attributes, LibcSignals.sigset(signalMask)));
        checkResult("posix_spawnattr_setsigdefault", libc().posix_spawnattr_setsigdefault(spawn.attributes, LibcSignals.sigset(defaultSignals)));
        return spawn;
    }

    /** posix_spawn_file_actions_addclosefrom_np is glibc 2.34's: looked up, as older ones lack it. */
    private static boolean addCloseFrom(SpawnAttributes spawn) {
        Function closeFrom;
        try {
            closeFrom = libraryC().getFunction("posix_spawn_file_actions_addclosefrom_np");
        } catch (UnsatisfiedLinkError olderGlibc) {
            return false;
        }
        checkResult("posix_spawn_file_actions_addclosefrom_np", closeFrom.invokeInt(new Object[] {spawn.fileActions, spawn.closeFrom}));
        return true;
    }

    @Override
    public void inNewProcessGroup(SpawnAttributes spawn) {
        inProcessGroup(spawn, 0);
    }

    @Override
    public void inProcessGroup(SpawnAttributes spawn, int group) {
        ShortByReference flags = new ShortByReference();
        checkResult("posix_spawnattr_getflags", libc().posix_spawnattr_getflags(spawn.attributes, flags));
        checkResult("posix_spawnattr_setflags", libc().posix_spawnattr_setflags(spawn.attributes, (short) (flags.getValue() | POSIX_SPAWN_SETPGROUP)));
        checkResult("posix_spawnattr_setpgroup", libc().posix_spawnattr_setpgroup(spawn.attributes, group));
    }

    @Override
    public void openNullAt(SpawnAttributes spawn, int fd) {
        checkResult("posix_spawn_file_actions_addopen",
                libc().posix_spawn_file_actions_addopen(spawn.fileActions, fd, NativeMemory.cString(DEV_NULL), O_RDWR, 0));
    }

    @Override
    public void inDirectory(SpawnAttributes spawn, byte[] directory) {
        Function addChdir;
        try {
            addChdir = libraryC().getFunction("posix_spawn_file_actions_addchdir_np");
        } catch (UnsatisfiedLinkError olderLibc) {
            throw new PosixException("posix_spawn_file_actions_addchdir_np", Errno.ENOSYS,
                    "not in this C library (glibc 2.29 and later have it)");
        }
        Memory path = NativeMemory.cString(directory);
        spawn.keep(path); // the action keeps the pointer until the attributes are gone: glibc copies it, musl may not
        checkResult("posix_spawn_file_actions_addchdir_np", addChdir.invokeInt(new Object[] {spawn.fileActions, path}));
    }

    @Override
    public int spawn(PreparedExec exec, SpawnAttributes spawn) {
        if (!spawn.childClosesDescriptors) {
            // No closefrom in the child: mark them close-on-exec here instead (the JVM itself never execs).
            descriptors.closeOnExecFrom(spawn.closeFrom);
        }
        IntByReference pid = new IntByReference();
        checkResult("posix_spawn", libc().posix_spawn(pid, exec.path, spawn.fileActions, spawn.attributes, exec.argv, exec.envp));
        return pid.getValue();
    }

    @Override
    public void sendSignal(int pid, int signal) {
        try {
            Calls.check("kill", () -> libc().kill(pid, signal));
        } catch (PosixException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }

    @Override
    public boolean signalGroup(int group, int signal) {
        try {
            Calls.check("kill", () -> libc().kill(-group, signal));
            return true;
        } catch (PosixException e) {
            if (e.errno() == Errno.ESRCH) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Read from each thread's list of children (a JVM's children are its threads'; an orphan
     * adopted goes to one of them): a few dozen small files. ProcessHandle.children() reads the
     * stat of every process on the machine instead, 15-25 ms with 170 processes on a loaded
     * machine, and a restart asks twice (as it ends the run, and to know the run is over).
     */
    @Override
    public long[] children() {
        if (CHILDREN_LISTED) {
            try {
                String pids = LinuxProcFs.childrenOfThreads();
                return Arrays.stream(pids.trim().split(" +")).filter(pid -> !pid.isEmpty())
                        .mapToLong(Long::parseLong).distinct().toArray();
            } catch (IOException | NumberFormatException e) {
                // not as expected: the slow way below
            }
        }
        return ProcessHandle.current().children().mapToLong(ProcessHandle::pid).toArray();
    }

    @Override
    public int processGroupOf(int pid) {
        return orElse(() -> libc().getpgid(pid), -1);
    }

    @Override
    public int awaitAnyChild() {
        Memory info = NativeMemory.zeroed(LibcSignals.SIGINFO_BYTES);
        try {
            retried("waitid", () -> libc().waitid(P_ALL, 0, info, WEXITED | WSTOPPED | WNOWAIT));
        } catch (PosixException e) {
            if (e.errno() == Errno.ECHILD) {
                return 0;
            }
            throw e;
        }
        int pid = info.getInt(SIGINFO_PID_OFFSET);
        return info.getInt(LibcSignals.SIGINFO_CODE_OFFSET) == CLD_STOPPED ? -pid : pid;
    }

    @Override
    public void takeStop(int pid) {
        // ended meanwhile: its end is reported instead
        orElse(() -> libc().waitid(P_PID, pid, new Memory(LibcSignals.SIGINFO_BYTES), WSTOPPED | WNOHANG), -1);
    }

    @Override
    public int reap(int pid) {
        IntByReference status = new IntByReference();
        retried("waitpid", () -> libc().waitpid(pid, status, 0));
        return status.getValue();
    }

    @Override
    public int endedBy(int pid) {
        Memory info = NativeMemory.zeroed(LibcSignals.SIGINFO_BYTES);
        if (orElse(() -> libc().waitid(P_PID, pid, info, WEXITED | WNOHANG | WNOWAIT), -1) != 0 || info.getInt(SIGINFO_PID_OFFSET) != pid) {
            return -1;
        }
        return info.getInt(LibcSignals.SIGINFO_CODE_OFFSET) == CLD_EXITED ? 0 : info.getInt(SIGINFO_STATUS_OFFSET);
    }

    @Override
    public long pendingSignals(int pid) {
        long pending = 0;
        for (String line : LinuxProcFs.processLines(pid, "status")) {
            if (line.startsWith("SigPnd:") || line.startsWith("ShdPnd:")) {
                pending |= Long.parseUnsignedLong(line.substring(line.indexOf(':') + 1).strip(), 16);
            }
        }
        return pending;
    }

    @Override
    public boolean exiting(int pid) {
        List<String> stat = LinuxProcFs.processLines(pid, "stat");
        if (stat.isEmpty()) {
            return false;
        }
        // after the command name, which may hold anything but ends at the last ')': state, ppid,
        // pgrp, session, tty, tpgid, flags
        String[] fields = stat.get(0).substring(stat.get(0).lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[6]) & PF_EXITING) != 0;
    }
}
