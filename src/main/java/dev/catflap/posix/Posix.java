package dev.catflap.posix;

/**
 * The system calls catflap needs, by concern, each behind its own small interface: Java types in
 * and out, every failure a {@link PosixException} whose message a user understands. The one place
 * above posix gets them from ({@link #system()}, or a CDI bean made by {@link SystemPosix}); a
 * test builds one of fakes, with null for the concerns it does not reach. Constants are Linux's
 * (x86-64 and aarch64 agree on all of them).
 */
public record Posix(Sockets sockets, Descriptors descriptors, FileAccess files, Signals signals, Processes processes,
        ThisProcess self, Terminal terminal, Execve exec) {

    /** The real ones, through libc (JNA is loaded at the first call, not here). */
    public static Posix system() {
        LibcDescriptors descriptors = new LibcDescriptors();
        LibcSignals signals = new LibcSignals();
        LibcThisProcess self = new LibcThisProcess();
        return new Posix(new LibcSockets(), descriptors, new LibcFiles(), signals, new LibcProcesses(descriptors), self,
                new LibcTerminal(signals, descriptors), new LibcExecve(descriptors, self));
    }
}
