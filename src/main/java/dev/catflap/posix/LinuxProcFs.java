package dev.catflap.posix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Linux's /proc: the one class that knows its paths and its formats, for {@link ProcFs} and for
 * posix's own readers (the children of a process, its stat, this process's descriptors).
 */
final class LinuxProcFs implements ProcFs {
    static final LinuxProcFs INSTANCE = new LinuxProcFs();

    private static final String SELF = "/proc/self";
    private static final String LIMITS_LINE = "Max open files";
    private static final String UNLIMITED = "unlimited";

    private LinuxProcFs() {
    }

    @Override
    public Path openedFile(int fd) {
        return Path.of(SELF + "/fd/" + fd);
    }

    /** The same link as the bytes a system call takes. */
    static byte[] openedFileBytes(int fd) {
        return (SELF + "/fd/" + fd).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Path workingDirectory() {
        return Path.of(SELF + "/cwd");
    }

    @Override
    public Optional<byte[]> commandLine() {
        try {
            return Optional.of(Files.readAllBytes(Path.of(SELF + "/cmdline")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalInt umask() {
        try {
            return statusField(Path.of(SELF + "/status"), "Umask:").map(value -> OptionalInt.of(Integer.parseInt(value, 8)))
                    .orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public OptionalLong ignoredSignals() {
        return signalSet(Path.of(SELF + "/status"), "SigIgn:");
    }

    @Override
    public OptionalLong blockedSignals(int thread) {
        return signalSet(Path.of(SELF + "/task/" + thread + "/status"), "SigBlk:");
    }

    @Override
    public Optional<long[]> openFilesLimitOf(int pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith(LIMITS_LINE)) {
                    String[] values = line.substring(LIMITS_LINE.length()).trim().split("\\s+");
                    return Optional.of(new long[] {limit(values[0]), limit(values[1])});
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone or not ours to read
        }
        return Optional.empty();
    }

    @Override
    public OptionalInt maximumBacklog() {
        // Not Files.readString: it trusts the size /proc reports and returns "4" for "4096\n".
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            return OptionalInt.of(Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Whether each thread lists its children (Linux 3.5 with CONFIG_PROC_CHILDREN). */
    static boolean childrenListed() {
        return Files.exists(Path.of("/proc/thread-self/children"));
    }

    /**
     * The pids each thread of this process lists as its children, separated by spaces (a JVM's
     * children are its threads'; an orphan adopted goes to one of them).
     */
    static String childrenOfThreads() throws IOException {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of(SELF + "/task"))) {
            StringBuilder pids = new StringBuilder();
            for (Path thread : threads) {
                try {
                    pids.append(Files.readString(thread.resolve("children"), StandardCharsets.US_ASCII)).append(' ');
                } catch (NoSuchFileException ended) {
                    // the thread ended: its children went to another one, listed there
                }
            }
            return pids.toString();
        }
    }

    /** The lines of /proc/PID/{@code file}; none where the process is gone. */
    static List<String> processLines(int pid, String file) {
        try {
            return Files.readAllLines(Path.of("/proc", Integer.toString(pid), file), StandardCharsets.ISO_8859_1);
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** The descriptors this process has open (one of them the listing's own, closed by the time this returns). */
    static List<Integer> openDescriptors() {
        List<Integer> open = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of(SELF + "/fd"))) {
            for (Path fd : fds) {
                open.add(Integer.parseInt(fd.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list /proc/self/fd: " + e.getMessage(), e);
        }
        return open;
    }

    private static OptionalLong signalSet(Path status, String name) {
        try {
            return statusField(status, name).map(value -> OptionalLong.of(Long.parseUnsignedLong(value, 16)))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> statusField(Path status, String name) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    return Optional.of(line.substring(name.length()).strip());
                }
            }
        } catch (IOException e) {
            // not there to read: the caller's fallback
        }
        return Optional.empty();
    }

    /** RLIM_INFINITY is all bits set, as getrlimit reports it. */
    private static long limit(String text) {
        return text.equals(UNLIMITED) ? -1L : Long.parseLong(text);
    }
}
