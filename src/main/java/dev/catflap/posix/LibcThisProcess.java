package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.libraryC;
import static dev.catflap.posix.Calls.orElse;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/** {@link ThisProcess} through libc. */
final class LibcThisProcess implements ThisProcess {
    private static final int RLIMIT_NOFILE = 7;
    private static final int PR_SET_CHILD_SUBREAPER = 36;

    @Override
    public int pid() {
        return libc().getpid();
    }

    @Override
    public int parentPid() {
        return libc().getppid();
    }

    @Override
    public int effectiveUid() {
        return libc().geteuid();
    }

    @Override
    public int processGroup() {
        return libc().getpgrp();
    }

    /**
     * Not kill(-group): that signal goes to whichever thread the kernel picks, and the calling
     * thread would go on for a moment before the process stops; a terminal handed over then, in
     * that moment, would be handed over after {@code bg} as well, from the background.
     */
    @Override
    public void stopJob() {
        int self = pid();
        int group = processGroup();
        ProcessHandle.allProcesses().mapToInt(process -> (int) process.pid())
                .filter(pid -> pid != self && orElse(() -> libc().getpgid(pid), -1) == group)
                .forEach(pid -> orElse(() -> libc().kill(pid, Signals.SIGTSTP), -1));
        libc().raise(Signals.SIGTSTP); // delivered to this thread before raise returns
    }

    @Override
    public List<byte[]> environment() {
        Pointer environ = libraryC().getGlobalVariableAddress("environ").getPointer(0);
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

    @Override
    public long[] openFilesLimit() {
        Memory limit = new Memory(16);
        check("getrlimit", () -> libc().getrlimit(RLIMIT_NOFILE, limit));
        return new long[] {limit.getLong(0), limit.getLong(8)};
    }

    @Override
    public OpenFilesLimit openFilesLimitWithSoft(long soft) {
        return new OpenFilesLimit(soft, openFilesLimit()[1]);
    }

    @Override
    public void setOpenFilesLimit(OpenFilesLimit limit) {
        // nothing can be reported from the exec path; the command keeps the raised limit
        orElse(() -> libc().setrlimit(RLIMIT_NOFILE, limit.rlimit), -1);
    }

    @Override
    public boolean adoptOrphans(boolean adopt) {
        return orElse(() -> libc().prctl(PR_SET_CHILD_SUBREAPER, adopt ? 1 : 0, 0, 0, 0), -1) == 0;
    }

    /** malloc_trim is glibc's: looked up, as other libcs lack it. */
    @Override
    public void releaseFreeMemory() {
        try {
            libraryC().getFunction("malloc_trim").invokeInt(new Object[] {0L});
        } catch (UnsatisfiedLinkError notGlibc) {
            // nothing to release this way
        }
    }

    @Override
    public void changeDirectory(byte[] directory) {
        check("chdir", () -> libc().chdir(NativeMemory.cString(directory)));
    }
}
