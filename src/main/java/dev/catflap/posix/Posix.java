package dev.catflap.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.ShortByReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The system calls catflap needs, with Java types in and out and every failure turned into a
 * {@link PosixException} whose message a user understands. Constants are Linux's (x86-64 and
 * aarch64 agree on all of them).
 */
@ApplicationScoped
public class Posix {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    /** Or'ed into a socket type: calls that would wait fail with EAGAIN instead. */
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_TYPE = 3;
    public static final int SO_ACCEPTCONN = 30;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPV6_V6ONLY = 26;
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGTERM = 15;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTOU = 22;
    public static final int SIGXFSZ = 25;
    /** Signals 1..64; glibc reserves 32 and 33 for its own threads. */
    public static final int LAST_SIGNAL = 64;

    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int FD_CLOEXEC = 1;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
    private static final int F_OK = 0;
    private static final int X_OK = 1;
    private static final int SIG_SETMASK = 2;
    private static final int SIGSET_BYTES = 128;
    private static final int KERNEL_SIGACTION_BYTES = 64; // handler, flags, restorer, mask: 32 bytes
    private static final long SYS_RT_SIGACTION = Platform.isARM() ? 134 : 13; // aarch64 : x86-64
    static final int RLIMIT_NOFILE = 7;
    private static final int SIG_BLOCK = 0;
    private static final int SIGINFO_BYTES = 128;
    private static final int SIGINFO_CODE_OFFSET = 8;
    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int P_ALL = 0;
    private static final int P_PID = 1;
    private static final int SIGINFO_PID_OFFSET = 16;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int RLIMIT_CORE = 4;
    private static final int O_RDWR = 2;
    /** The signals whose default action dumps core: SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS. */
    private static final Set<Integer> CORE_DUMPING = Set.of(3, 4, 5, 6, 7, 8, 11, 24, 25, 31);
    private static final int WNOHANG = 1;
    private static final int WSTOPPED = 2;
    private static final int WEXITED = 4;
    private static final int CLD_STOPPED = 5;
    private static final int WNOWAIT = 0x01000000;
    private static final int O_RDONLY = 0;
    private static final int O_NOCTTY = 0x100;
    private static final int O_CLOEXEC = 0x80000;

    private final LibC libc = LibC.INSTANCE;
    /** Whether close_range marked descriptors close-on-exec here (kernel 5.11+). */
    private boolean closeRangeMarks;

    // ---- sockets

    /** A new socket, close-on-exec until it is placed where the command expects it. */
    public int socket(int family, int type) {
        try {
            return libc.socket(family, type | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw failure("socket", e);
        }
    }

    public void setSocketOption(int fd, int level, int name, int value) {
        try {
            libc.setsockopt(fd, level, name, new IntByReference(value), Integer.BYTES);
        } catch (LastErrorException e) {
            throw failure("setsockopt", e);
        }
    }

    public int socketOption(int fd, int level, int name) {
        IntByReference value = new IntByReference();
        try {
            libc.getsockopt(fd, level, name, value, new IntByReference(Integer.BYTES));
            return value.getValue();
        } catch (LastErrorException e) {
            throw failure("getsockopt", e);
        }
    }

    public void bind(int fd, byte[] sockaddr) {
        try {
            libc.bind(fd, memory(sockaddr), sockaddr.length);
        } catch (LastErrorException e) {
            throw failure("bind", e);
        }
    }

    public void listen(int fd, int backlog) {
        try {
            libc.listen(fd, backlog);
        } catch (LastErrorException e) {
            throw failure("listen", e);
        }
    }

    public void connect(int fd, byte[] sockaddr) {
        try {
            libc.connect(fd, memory(sockaddr), sockaddr.length);
        } catch (LastErrorException e) {
            throw failure("connect", e);
        }
    }

    /** The address a socket is bound to, as the kernel's sockaddr bytes. */
    public byte[] localAddress(int fd) {
        Memory buffer = new Memory(128);
        buffer.clear();
        IntByReference length = new IntByReference(128);
        try {
            libc.getsockname(fd, buffer, length);
            return buffer.getByteArray(0, length.getValue());
        } catch (LastErrorException e) {
            throw failure("getsockname", e);
        }
    }

    // ---- descriptors

    /** A close-on-exec duplicate of {@code fd} at the lowest free number at or above {@code lowest}. */
    public int duplicateAtOrAbove(int fd, int lowest) {
        try {
            return libc.fcntl(fd, F_DUPFD_CLOEXEC, lowest);
        } catch (LastErrorException e) {
            throw failure("fcntl", e);
        }
    }

    /** Makes {@code target} a copy of {@code fd}; the copy is inherited across exec. */
    public void duplicateTo(int fd, int target) {
        try {
            libc.dup2(fd, target);
        } catch (LastErrorException e) {
            throw failure("dup2", e);
        }
    }

    public void setCloseOnExec(int fd, boolean closeOnExec) {
        try {
            libc.fcntl(fd, F_SETFD, closeOnExec ? FD_CLOEXEC : 0);
        } catch (LastErrorException e) {
            throw failure("fcntl", e);
        }
    }

    public void setBlocking(int fd) {
        try {
            int flags = libc.fcntl(fd, F_GETFL, 0);
            libc.fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        } catch (LastErrorException e) {
            throw failure("fcntl", e);
        }
    }

    public void close(int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException e) {
            throw failure("close", e);
        }
    }

    /**
     * Marks every descriptor from {@code first} up close-on-exec, so the JVM's jars and files do
     * not reach the command. Kernels before 5.11 lack close_range's flag: walk /proc/self/fd instead.
     * The exec path calls it before it moves any descriptor, as the fallback loads classes.
     */
    public void closeOnExecFrom(int first) {
        try {
            libc.close_range(first, -1, CLOSE_RANGE_CLOEXEC);
            closeRangeMarks = true;
        } catch (LastErrorException e) {
            closeOnExecFromProcList(first);
        }
    }

    /**
     * {@link #closeOnExecFrom} once more, right before an exec: the JVM's other threads run on, and
     * a file one of them opened since (HotSpot reads /proc without close-on-exec) would reach the
     * command. Only where close_range took the flag the first time: the fallback may load classes,
     * which the exec path can no longer do by then, and the first sweep stands.
     */
    public void closeOnExecAgainFrom(int first) {
        if (closeRangeMarks) {
            libc.close_range(first, -1, CLOSE_RANGE_CLOEXEC);
        }
    }

    private void closeOnExecFromProcList(int first) {
        List<Integer> open = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                open.add(Integer.parseInt(fd.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list /proc/self/fd: " + e.getMessage(), e);
        }
        for (int fd : open) {
            if (fd >= first) {
                try {
                    libc.fcntl(fd, F_SETFD, FD_CLOEXEC);
                } catch (LastErrorException gone) {
                    // the directory stream's own descriptor, closed by now
                }
            }
        }
    }

    // ---- files

    public boolean exists(byte[] path) {
        return accessible(path, F_OK);
    }

    public boolean isExecutable(byte[] path) {
        return accessible(path, X_OK);
    }

    /** True for a directory: only a directory has an entry named "." under it. */
    public boolean isDirectory(byte[] path) {
        byte[] dot = new byte[path.length + 2];
        System.arraycopy(path, 0, dot, 0, path.length);
        dot[path.length] = '/';
        dot[path.length + 1] = '.';
        return exists(dot);
    }

    private boolean accessible(byte[] path, int mode) {
        try {
            return libc.access(cString(path), mode) == 0;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /**
     * Opens {@code path} for reading without ever waiting: a FIFO would block an ordinary open
     * until a writer came. The caller checks what it opened (see /proc/self/fd) and closes it.
     */
    public int openWithoutBlocking(byte[] path) {
        try {
            return libc.open(cString(path), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failure("open", e);
        }
    }

    public void unlink(byte[] path) {
        try {
            libc.unlink(cString(path));
        } catch (LastErrorException e) {
            throw failure("unlink", e);
        }
    }

    // ---- process state

    public int pid() {
        return libc.getpid();
    }

    /** The user whose permissions this process has: whose files it may trust. */
    public int effectiveUid() {
        return libc.geteuid();
    }

    public int parentPid() {
        return libc.getppid();
    }

    /** The environment as libc holds it: raw bytes, exactly as the caller passed them. */
    public List<byte[]> environment() {
        Pointer environ = NativeLibrary.getInstance("c").getGlobalVariableAddress("environ").getPointer(0);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; environ != null; i++) {
            Pointer entry = environ.getPointer((long) i * Native.POINTER_SIZE);
            if (entry == null) {
                break;
            }
            entries.add(entry.getByteArray(0, (int) entry.indexOf(0, (byte) 0)));
        }
        return entries;
    }

    /** The soft and hard RLIMIT_NOFILE, in that order. */
    public long[] openFilesLimit() {
        Memory limit = new Memory(16);
        try {
            libc.getrlimit(RLIMIT_NOFILE, limit);
        } catch (LastErrorException e) {
            throw failure("getrlimit", e);
        }
        return new long[] {limit.getLong(0), limit.getLong(8)};
    }

    /** RLIMIT_NOFILE with {@code soft} and the current hard limit, ready for {@link #setOpenFilesLimit(Memory)}. */
    public Memory openFilesLimitWithSoft(long soft) {
        Memory limit = new Memory(16);
        limit.setLong(0, soft);
        limit.setLong(8, openFilesLimit()[1]);
        return limit;
    }

    /**
     * Sets RLIMIT_NOFILE from a struct prepared in advance. The exec path calls it after the JVM's
     * descriptors are gone, so it loads no class (prepareForExec has run it once) and a failure,
     * which lowering a soft limit does not have, leaves the limit as it was.
     */
    public void setOpenFilesLimit(Memory limit) {
        try {
            libc.setrlimit(RLIMIT_NOFILE, limit);
        } catch (LastErrorException e) {
            // nothing can be reported from here; the command keeps the raised limit
        }
    }

    /** The calling thread's blocked signals, bit {@code n-1} for signal {@code n}. */
    public long signalMask() {
        Memory old = sigset(0);
        check("pthread_sigmask", libc.pthread_sigmask(SIG_SETMASK, null, old));
        return old.getLong(0);
    }

    public void setSignalMask(long mask) {
        check("pthread_sigmask", libc.pthread_sigmask(SIG_SETMASK, sigset(mask), null));
    }

    /**
     * Sets a signal to be ignored ({@code true}) or to its default action. It calls the kernel
     * directly: glibc refuses signals 32 and 33, and a caller may well have them ignored (every
     * process a JVM starts does).
     */
    public void setSignalIgnored(int signal, boolean ignored) {
        Memory action = new Memory(KERNEL_SIGACTION_BYTES);
        action.clear();
        action.setLong(0, ignored ? 1 : 0); // the handler comes first: SIG_IGN is 1, SIG_DFL is 0
        try {
            libc.syscall(SYS_RT_SIGACTION, signal, action, null, Long.BYTES);
        } catch (LastErrorException e) {
            throw failure("rt_sigaction", e);
        }
    }

    /** Blocks {@code set} in the calling thread, in addition to what it blocks already. */
    public void blockSignals(long set) {
        check("pthread_sigmask", libc.pthread_sigmask(SIG_BLOCK, sigset(set), null));
    }

    /** True when {@code signal} runs a handler in this process: neither its default action nor ignored. */
    public boolean isSignalCaught(int signal) {
        long handler = signalAction(signal, null).getLong(0);
        return handler != 0 && handler != 1;
    }

    /** Ignores {@code signal} until {@link #restoreSignal} is given the action this returns. */
    public Memory ignoreSignal(int signal) {
        Memory ignore = new Memory(KERNEL_SIGACTION_BYTES);
        ignore.clear();
        ignore.setLong(0, 1); // SIG_IGN
        return signalAction(signal, ignore);
    }

    public void restoreSignal(int signal, Memory previous) {
        signalAction(signal, previous);
    }

    /** Sets {@code signal}'s action where {@code action} is not null; the action it had. */
    private Memory signalAction(int signal, Memory action) {
        Memory old = new Memory(KERNEL_SIGACTION_BYTES);
        old.clear();
        try {
            libc.syscall(SYS_RT_SIGACTION, signal, action, old, Long.BYTES);
            return old;
        } catch (LastErrorException e) {
            throw failure("rt_sigaction", e);
        }
    }

    /**
     * Waits for one of {@code set}, which every thread of the process must block: it stays pending
     * until taken here instead of running a handler.
     */
    public ReceivedSignal awaitSignal(long set) {
        Memory mask = sigset(set);
        Memory info = new Memory(SIGINFO_BYTES);
        while (true) {
            try {
                int signal = libc.sigwaitinfo(mask, info);
                return new ReceivedSignal(signal, info.getInt(SIGINFO_CODE_OFFSET));
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("sigwaitinfo", e);
                }
            }
        }
    }

    /**
     * This process's controlling terminal, opened close-on-exec, where this process is in its
     * foreground group (the group the terminal's Ctrl-C and reads belong to); else -1.
     */
    public int foregroundTerminal() {
        int tty;
        try {
            tty = libc.open(cString("/dev/tty".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), O_RDWR | O_NOCTTY | O_CLOEXEC);
        } catch (LastErrorException none) {
            return -1;
        }
        if (foregroundGroup(tty) == libc.getpgrp()) {
            return tty;
        }
        close(tty);
        return -1;
    }

    /** The foreground process group of terminal {@code tty}, or -1. */
    public int foregroundGroup(int tty) {
        try {
            return libc.tcgetpgrp(tty);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /**
     * Makes {@code group} the foreground group of terminal {@code tty}; false where the terminal
     * refuses. SIGTTOU is blocked meanwhile in this thread: from a background group, tcsetpgrp
     * would otherwise stop the whole process.
     */
    public boolean setForegroundGroup(int tty, int group) {
        long mask = signalMask();
        blockSignals(1L << (SIGTTOU - 1));
        try {
            libc.tcsetpgrp(tty, group);
            return true;
        } catch (LastErrorException e) {
            return false;
        } finally {
            setSignalMask(mask);
        }
    }

    public int processGroup() {
        return libc.getpgrp();
    }

    /** The process group of {@code pid}, or -1 where it is gone. */
    public int processGroupOf(int pid) {
        try {
            return libc.getpgid(pid);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /**
     * Makes the orphaned descendants of this process its children (PR_SET_CHILD_SUBREAPER), instead
     * of init's, or stops doing so; false where the kernel cannot.
     */
    public boolean adoptOrphans(boolean adopt) {
        try {
            libc.prctl(PR_SET_CHILD_SUBREAPER, adopt ? 1 : 0, 0, 0, 0);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /**
     * Ends this process by {@code signal}, as if its default action had come with it: whoever waits
     * for catflap sees it killed by that signal. No core file is written (catflap's would be the
     * JVM's). Returns only where that signal's default action does not end a process.
     */
    public void endBySignal(int signal) {
        if (CORE_DUMPING.contains(signal)) {
            Memory none = new Memory(16);
            none.clear();
            try {
                libc.setrlimit(RLIMIT_CORE, none);
            } catch (LastErrorException e) {
                // a hard limit above 0 cannot be refused; this is only in case
            }
        }
        if (signal != SIGKILL && signal != SIGSTOP) {
            setSignalIgnored(signal, false); // the JVM's handler, if any, goes
        }
        setSignalMask(signalMask() & ~(1L << (signal - 1)));
        libc.raise(signal);
    }

    private static Memory sigset(long mask) {
        Memory set = new Memory(SIGSET_BYTES);
        set.clear();
        set.setLong(0, mask);
        return set;
    }

    // ---- child processes

    /**
     * Prepares what posix_spawn is to do in each child: {@code dup2(moves[2k], moves[2k + 1])} in
     * order, then close each of {@code closed} and every descriptor from {@code closeFrom} up,
     * block {@code signalMask} and give the signals in {@code defaultSignals} their default action.
     */
    public SpawnAttributes spawnAttributes(int[] moves, int[] closed, int closeFrom, long signalMask, long defaultSignals) {
        SpawnAttributes spawn = new SpawnAttributes(closeFrom);
        check("posix_spawn_file_actions_init", libc.posix_spawn_file_actions_init(spawn.fileActions));
        for (int k = 0; k < moves.length; k += 2) {
            check("posix_spawn_file_actions_adddup2", libc.posix_spawn_file_actions_adddup2(spawn.fileActions, moves[k], moves[k + 1]));
        }
        for (int fd : closed) {
            check("posix_spawn_file_actions_addclose", libc.posix_spawn_file_actions_addclose(spawn.fileActions, fd));
        }
        spawn.childClosesDescriptors = addCloseFrom(spawn);
        check("posix_spawnattr_init", libc.posix_spawnattr_init(spawn.attributes));
        check("posix_spawnattr_setflags", libc.posix_spawnattr_setflags(spawn.attributes, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
        check("posix_spawnattr_setsigmask", libc.posix_spawnattr_setsigmask(spawn.attributes, sigset(signalMask)));
        check("posix_spawnattr_setsigdefault", libc.posix_spawnattr_setsigdefault(spawn.attributes, sigset(defaultSignals)));
        return spawn;
    }

    private boolean addCloseFrom(SpawnAttributes spawn) {
        try {
            check("posix_spawn_file_actions_addclosefrom_np", libc.posix_spawn_file_actions_addclosefrom_np(spawn.fileActions, spawn.closeFrom));
            return true;
        } catch (UnsatisfiedLinkError olderGlibc) {
            return false;
        }
    }

    /** Makes each child spawned with {@code spawn} the leader of a new process group, whose id is its pid. */
    public void inNewProcessGroup(SpawnAttributes spawn) {
        ShortByReference flags = new ShortByReference();
        check("posix_spawnattr_getflags", libc.posix_spawnattr_getflags(spawn.attributes, flags));
        check("posix_spawnattr_setflags", libc.posix_spawnattr_setflags(spawn.attributes, (short) (flags.getValue() | POSIX_SPAWN_SETPGROUP)));
        check("posix_spawnattr_setpgroup", libc.posix_spawnattr_setpgroup(spawn.attributes, 0));
    }

    /** Opens /dev/null at {@code fd} in each child spawned with {@code spawn}, after its other file actions. */
    public void openNullAt(SpawnAttributes spawn, int fd) {
        Memory path = cString("/dev/null".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        check("posix_spawn_file_actions_addopen", libc.posix_spawn_file_actions_addopen(spawn.fileActions, fd, path, O_RDWR, 0));
    }

    /** Starts {@code exec} as a child process, as {@code spawn} prepared it; the child's pid. */
    public int spawn(PreparedExec exec, SpawnAttributes spawn) {
        if (!spawn.childClosesDescriptors) {
            // No closefrom in the child: mark them close-on-exec here instead (the JVM itself never execs).
            closeOnExecFrom(spawn.closeFrom);
        }
        IntByReference pid = new IntByReference();
        check("posix_spawn", libc.posix_spawn(pid, exec.path, spawn.fileActions, spawn.attributes, exec.argv, exec.envp));
        return pid.getValue();
    }

    /** Sends {@code signal} to every process of {@code group}; false when the group has none left. */
    public boolean signalGroup(int group, int signal) {
        try {
            libc.kill(-group, signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ESRCH) {
                return false;
            }
            throw failure("kill", e);
        }
    }

    /**
     * Waits until any child has ended, leaving it a zombie (see {@link #awaitExit}), or has stopped;
     * its pid, negative for a stop (see {@link #takeStop}), or 0 when this process has no child
     * left to wait for.
     */
    public int awaitAnyChild() {
        Memory info = new Memory(SIGINFO_BYTES);
        while (true) {
            info.clear();
            try {
                libc.waitid(P_ALL, 0, info, WEXITED | WSTOPPED | WNOWAIT);
                int pid = info.getInt(SIGINFO_PID_OFFSET);
                return info.getInt(SIGINFO_CODE_OFFSET) == CLD_STOPPED ? -pid : pid;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.ECHILD) {
                    return 0;
                }
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("waitid", e);
                }
            }
        }
    }

    /** Takes the report that child {@code pid} stopped, which would otherwise be reported again and again. */
    public void takeStop(int pid) {
        try {
            libc.waitid(P_PID, pid, new Memory(SIGINFO_BYTES), WSTOPPED | WNOHANG);
        } catch (LastErrorException e) {
            // ended meanwhile: its end is reported instead
        }
    }

    /** A pipe, both ends close-on-exec: its read end, then its write end. */
    public int[] pipe() {
        int[] fds = new int[2];
        try {
            libc.pipe2(fds, O_CLOEXEC);
            return fds;
        } catch (LastErrorException e) {
            throw failure("pipe2", e);
        }
    }

    /** Writes {@code bytes} to {@code fd}, which must take them at once (a pipe with room); false on failure. */
    public boolean writeAll(int fd, byte[] bytes) {
        Memory buffer = memory(bytes);
        return libc.write(fd, buffer, bytes.length) == bytes.length;
    }

    /** Sends {@code signal} to {@code pid}; a process already gone is no error. */
    public void sendSignal(int pid, int signal) {
        try {
            libc.kill(pid, signal);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Errno.ESRCH) {
                throw failure("kill", e);
            }
        }
    }

    /**
     * Waits until the child {@code pid} has ended, leaving it a zombie: its pid cannot be reused, so
     * signals sent to it until {@link #reap} cannot reach another process.
     */
    public void awaitExit(int pid) {
        Memory info = new Memory(SIGINFO_BYTES);
        while (true) {
            try {
                libc.waitid(P_PID, pid, info, WEXITED | WNOWAIT);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("waitid", e);
                }
            }
        }
    }

    /** Collects the ended child {@code pid}; its wait status. */
    public int reap(int pid) {
        IntByReference status = new IntByReference();
        while (true) {
            try {
                libc.waitpid(pid, status, 0);
                return status.getValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("waitpid", e);
                }
            }
        }
    }

    /** Gives the memory malloc holds free back to the system, where libc can (glibc). */
    public void releaseFreeMemory() {
        try {
            libc.malloc_trim(0);
        } catch (UnsatisfiedLinkError notGlibc) {
            // nothing to release this way
        }
    }

    // ---- exec

    /**
     * Replaces this process with {@code path}. Returns only on failure, with the errno; by then
     * the caller may have given away the JVM's descriptors, so it must not load classes.
     */
    public int execve(PreparedExec exec) {
        try {
            libc.execve(exec.path, exec.argv, exec.envp);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    /** Writes straight to fd 2 and ends the process, for failures after the JVM's files are gone. */
    public void die(Memory message, int status) {
        libc.write(2, message, message.size());
        libc._exit(status);
    }

    /**
     * Runs each call the exec path makes once with harmless arguments, so that JNA has resolved
     * them before the JVM's descriptors are replaced: after that, no class may be loaded.
     */
    public void prepareForExec() {
        execve(new PreparedExec(new byte[0], List.of(), List.of()));
        try {
            libc.dup2(-1, -1);
        } catch (LastErrorException expected) {
            // EBADF: only the binding was wanted
        }
        libc.write(2, new Memory(1), 0);
        closeOnExecFrom(Integer.MAX_VALUE);
        long[] limit = openFilesLimit();
        setOpenFilesLimit(openFilesLimitWithSoft(limit[0]));
    }

    /** The path, argv and envp of an exec, copied into native memory ahead of time. */
    public static final class PreparedExec {
        private final Memory path;
        private final Memory argv;
        private final Memory envp;
        private final List<Memory> strings = new ArrayList<>();

        public PreparedExec(byte[] path, List<byte[]> argv, List<byte[]> envp) {
            this.path = cString(path);
            this.argv = pointerArray(argv);
            this.envp = pointerArray(envp);
        }

        private Memory pointerArray(List<byte[]> values) {
            Memory array = new Memory((long) (values.size() + 1) * Native.POINTER_SIZE);
            for (int i = 0; i < values.size(); i++) {
                Memory value = cString(values.get(i));
                strings.add(value);
                array.setPointer((long) i * Native.POINTER_SIZE, value);
            }
            array.setPointer((long) values.size() * Native.POINTER_SIZE, null);
            return array;
        }
    }

    static Memory cString(byte[] bytes) {
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }

    private static Memory memory(byte[] bytes) {
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private static void check(String call, int result) {
        if (result != 0) {
            throw new PosixException(call, result);
        }
    }

    private static PosixException failure(String call, LastErrorException e) {
        return new PosixException(call, e.getErrorCode());
    }
}
