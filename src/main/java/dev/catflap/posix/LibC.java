package dev.catflap.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.ShortByReference;

/**
 * The libc functions catflap calls, bound by JNA. Only the {@code Libc*} implementations of
 * {@link Posix}'s interfaces use it: they turn errno into messages a user understands.
 *
 * <p>Functions that report failure through errno declare {@link LastErrorException}; the ones that
 * return an error number themselves (pthread_sigmask, posix_spawn*) do not.
 *
 * <p>An interface mapping, not JNA's direct mapping (Native.register): measured in turns with
 * bench/compare.sh and in-process, direct mapping started no faster from the build's AOT cache
 * (its registration builds libffi's types for every function, used or not, and loads more of
 * JNA) and slower without one.
 */
interface LibC extends Library {
    LibC INSTANCE = load();

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int name, IntByReference value, int length) throws LastErrorException;

    int bind(int fd, Pointer address, int length) throws LastErrorException;

    int listen(int fd, int backlog) throws LastErrorException;

    int connect(int fd, Pointer address, int length) throws LastErrorException;

    int getsockname(int fd, Pointer address, IntByReference length) throws LastErrorException;

    int getsockopt(int fd, int level, int name, Pointer value, IntByReference length) throws LastErrorException;

    int fcntl(int fd, int command, int argument) throws LastErrorException;

    int dup2(int fd, int target) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int close_range(int first, int last, int flags) throws LastErrorException;

    int access(Pointer path, int mode) throws LastErrorException;

    int unlink(Pointer path) throws LastErrorException;

    int execve(Pointer path, Pointer argv, Pointer envp) throws LastErrorException;

    int chdir(Pointer path) throws LastErrorException;

    int pthread_sigmask(int how, Pointer set, Pointer old);

    /** For rt_sigaction, which reaches the signals glibc keeps from sigaction (32 and 33). */
    int syscall(long number, int signal, Pointer action, Pointer old, long maskBytes) throws LastErrorException;

    int getrlimit(int resource, Pointer limit) throws LastErrorException;

    int setrlimit(int resource, Pointer limit) throws LastErrorException;

    int getpid();

    int geteuid();

    int getpgrp();

    int getpgid(int pid) throws LastErrorException;

    int open(Pointer path, int flags) throws LastErrorException;

    /** Variadic in C; the mode is passed always, which x86-64 and aarch64 Linux take like a fixed argument. */
    int openat(int directory, Pointer path, int flags, int mode) throws LastErrorException;

    int statx(int directory, Pointer path, int flags, int mask, Pointer buffer) throws LastErrorException;

    long readlinkat(int directory, Pointer path, Pointer buffer, long size) throws LastErrorException;

    int fchmod(int fd, int mode) throws LastErrorException;

    int renameat(int fromDirectory, Pointer from, int toDirectory, Pointer to) throws LastErrorException;

    int unlinkat(int directory, Pointer path, int flags) throws LastErrorException;

    int mkdirat(int directory, Pointer path, int mode) throws LastErrorException;

    long read(int fd, Pointer buffer, long count) throws LastErrorException;

    long getxattr(Pointer path, Pointer name, Pointer value, long size) throws LastErrorException;

    int tcgetpgrp(int fd) throws LastErrorException;

    int tcsetpgrp(int fd, int pgrp) throws LastErrorException;

    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    int pipe2(int[] fds, int flags) throws LastErrorException;

    /** Signals the calling thread: a signal it does not block is delivered before raise returns. */
    int raise(int signal);

    int posix_spawn(IntByReference pid, Pointer path, Pointer fileActions, Pointer attributes, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int target);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer set);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer set);

    int posix_spawnattr_getflags(Pointer attributes, ShortByReference flags);

    int posix_spawnattr_setpgroup(Pointer attributes, int pgroup);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, Pointer path, int flags, int mode);

    int kill(int pid, int signal) throws LastErrorException;

    int waitid(int idType, int id, Pointer info, int options) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

    int sigwaitinfo(Pointer set, Pointer info) throws LastErrorException;

    int getppid();

    long write(int fd, Pointer buffer, long count);

    void _exit(int status);

    String strerror(int errno);

    /** Returns an error number itself; {@code result} null where there is no such user. */
    int getpwuid_r(int uid, Pointer entry, Pointer buffer, long size, PointerByReference result);

    /** Returns an error number itself; {@code result} null where there is no such group. */
    int getgrgid_r(int gid, Pointer entry, Pointer buffer, long size, PointerByReference result);

    /**
     * JNA opens libc as the process's own (dlopen(NULL)): its search path for other libraries is
     * not needed. Left unset, JNA builds that path at every start by running /sbin/ldconfig as a
     * child of catflap's process, which costs a process start and leaves a child that the command,
     * taking over the pid, could inherit if the JDK had not reaped it yet.
     */
    private static LibC load() {
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "");
        }
        return Native.load("c", LibC.class);
    }
}
