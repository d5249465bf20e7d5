package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.checkResult;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.orElse;
import static dev.catflap.posix.Calls.retried;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import java.util.Set;

/** {@link Signals} through libc, and the kernel's rt_sigaction where glibc would refuse. */
final class LibcSignals implements Signals {
    /** Linux's last signal: they are 1..64 ({@link Signals#exists}). */
    static final int LAST_SIGNAL = 64;
    private static final int SIG_BLOCK = 0;
    private static final int SIG_SETMASK = 2;
    static final int SIGSET_BYTES = 128;
    private static final int KERNEL_SIGACTION_BYTES = 64; // handler, flags, restorer, mask: 32 bytes
    private static final long SYS_RT_SIGACTION = Platform.isARM() ? 134 : 13; // aarch64 : x86-64
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    static final int SIGINFO_BYTES = 128;
    static final int SIGINFO_CODE_OFFSET = 8;
    private static final int RLIMIT_CORE = 4;
    /** The signals whose default action dumps core: SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS. */
    private static final Set<Integer> CORE_DUMPING = Set.of(3, 4, 5, 6, 7, 8, 11, 24, 25, 31);

    @Override
    public long signalMask() {
        Memory old = sigset(0);
        checkResult("pthread_sigmask", libc().pthread_sigmask(SIG_SETMASK, null, old));
        return old.getLong(0);
    }

    @Override
    public void setSignalMask(long mask) {
        checkResult("pthread_sigmask", libc().pthread_sigmask(SIG_SETMASK, sigset(mask), null));
    }

    @Override
    public void blockSignals(long set) {
        checkResult("pthread_sigmask", libc().pthread_sigmask(SIG_BLOCK, sigset(set), null));
    }

    /**
     * It calls the kernel directly: glibc refuses signals 32 and 33, and a caller may well have
     * them ignored (every process a JVM starts does).
     */
    @Override
    public void setSignalIgnored(int signal, boolean ignored) {
        signalAction(signal, action(ignored ? SIG_IGN : SIG_DFL));
    }

    @Override
    public boolean isSignalCaught(int signal) {
        long handler = signalAction(signal, null).getLong(0);
        return handler != SIG_DFL && handler != SIG_IGN;
    }

    @Override
    public SignalAction ignoreSignal(int signal) {
        return new SignalAction(signalAction(signal, action(SIG_IGN)));
    }

    @Override
    public void restoreSignal(int signal, SignalAction previous) {
        signalAction(signal, previous.kernelSigaction);
    }

    /** A kernel sigaction with {@code handler} (it comes first), no flags and an empty mask. */
    private static Memory action(long handler) {
        Memory action = NativeMemory.zeroed(KERNEL_SIGACTION_BYTES);
        action.setLong(0, handler);
        return action;
    }

    /** Sets {@code signal}'s action where {@code action} is not null; the action it had. */
    private static Memory signalAction(int signal, Memory action) {
        Memory old = NativeMemory.zeroed(KERNEL_SIGACTION_BYTES);
        check("rt_sigaction", () -> libc().syscall(SYS_RT_SIGACTION, signal, action, old, Long.BYTES));
        return old;
    }

    @Override
    public ReceivedSignal awaitSignal(long set) {
        Memory mask = sigset(set);
        Memory info = new Memory(SIGINFO_BYTES);
        int signal = retried("sigwaitinfo", () -> libc().sigwaitinfo(mask, info));
        return new ReceivedSignal(signal, info.getInt(SIGINFO_CODE_OFFSET));
    }

    @Override
    public void endBySignal(int signal) {
        if (CORE_DUMPING.contains(signal)) {
            // a hard limit above 0 cannot refuse this: the fallback is only in case
            orElse(() -> libc().setrlimit(RLIMIT_CORE, NativeMemory.zeroed(16)), -1);
        }
        if (signal != SIGKILL && signal != SIGSTOP) {
            setSignalIgnored(signal, false); // the JVM's handler, if any, goes
        }
        setSignalMask(signalMask() & ~(1L << (signal - 1)));
        libc().raise(signal);
    }

    static Memory sigset(long mask) {
        Memory set = NativeMemory.zeroed(SIGSET_BYTES);
        set.setLong(0, mask);
        return set;
    }
}
