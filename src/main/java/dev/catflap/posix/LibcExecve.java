package dev.catflap.posix;

import static dev.catflap.posix.Calls.libc;

import com.sun.jna.LastErrorException;
import java.util.List;

/** {@link Execve} through libc. */
final class LibcExecve implements Execve {
    private final Descriptors descriptors;
    private final ThisProcess self;

    LibcExecve(Descriptors descriptors, ThisProcess self) {
        this.descriptors = descriptors;
        this.self = self;
    }

    /** The descriptor calls fail with EBADF: only the binding (and the call sites' linking) was wanted. */
    @Override
    public void prepareForExec() {
        execve(new PreparedExec(new byte[0], List.of(), List.of()));
        List<Runnable> calls = List.of(() -> descriptors.duplicateTo(-1, -1), () -> descriptors.setCloseOnExec(-1, true),
                () -> descriptors.close(-1));
        for (Runnable call : calls) {
            try {
                call.run();
            } catch (PosixException expected) {
                // EBADF
            }
        }
        libc().write(2, NativeMemory.of(new byte[0]), 0);
        descriptors.closeOnExecFrom(Integer.MAX_VALUE);
        self.setOpenFilesLimit(self.openFilesLimitWithSoft(self.openFilesLimit()[0]));
    }

    /** Not through {@link Calls}: the errno is the answer, and no exception may be made by then. */
    @Override
    public int execve(PreparedExec exec) {
        try {
            libc().execve(exec.path, exec.argv, exec.envp);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    @Override
    public void die(PreparedBytes message, int status) {
        libc().write(2, message.memory, message.length);
        libc()._exit(status);
    }
}
