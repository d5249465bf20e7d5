package dev.catflap.posix;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What catflap learns from the kernel's /proc rather than from a system call: Linux's own way of
 * showing a process's state. Every path under /proc is written in posix alone (ProcStaysInPosixTest
 * checks it), so that the Linux ABI has one place; the real one is {@link #system()}. Each reader
 * answers empty where the file is not there or not as expected (an older kernel, a process gone),
 * and its caller keeps its own fallback.
 */
public interface ProcFs {
    /** The real one: Linux's /proc. */
    static ProcFs system() {
        return LinuxProcFs.INSTANCE;
    }

    /**
     * A path that opens again what this process has open at {@code fd} (its /proc/self/fd link):
     * it never leads to another file, whatever was renamed or replaced since the open.
     */
    Path openedFile(int fd);

    /** A path to this process's working directory as the kernel holds it, whatever its name says. */
    Path workingDirectory();

    /** This process's arguments as the kernel holds them, each ended by a NUL; empty where unreadable. */
    Optional<byte[]> commandLine();

    /** This process's umask, which the kernel shows without changing it; empty before Linux 4.7. */
    OptionalInt umask();

    /** The signals this process ignores (bit {@code n-1} for signal {@code n}). */
    OptionalLong ignoredSignals();

    /** The signals thread {@code thread} of this process blocks (bit {@code n-1} for signal {@code n}). */
    OptionalLong blockedSignals(int thread);

    /**
     * The soft and hard open-files limits of process {@code pid}, in that order, unlimited as -1
     * (all bits set, as getrlimit reports it); empty where it is gone or not ours to read.
     */
    Optional<long[]> openFilesLimitOf(int pid);

    /** The system's maximum listen backlog (net.core.somaxconn). */
    OptionalInt maximumBacklog();
}
