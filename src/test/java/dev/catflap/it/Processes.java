package dev.catflap.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the tests ask of other processes: whether they are gone, and who they are. */
final class Processes {
    private Processes() {
    }

    /**
     * True when {@code pid} has ended. A zombie has ended too: an orphan that init has not reaped
     * yet holds nothing, no socket, no port.
     */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code limit} for every one of {@code pids} to end; those still running. */
    static List<Long> stillRunningAfter(Duration limit, List<Long> pids) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Long> running = pids.stream().filter(pid -> !gone(pid)).toList();
            if (running.isEmpty() || System.nanoTime() > deadline) {
                return running;
            }
            Catflap.sleep(20);
        }
    }

    /** The processes below {@code pid} that are running now. */
    static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(handle -> handle.descendants().map(ProcessHandle::pid).filter(p -> !gone(p)).toList())
                .orElse(List.of());
    }

    /** The parent of {@code pid}. */
    static long parent(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                .orElseThrow(() -> new AssertionError("no parent for " + pid));
    }

    /** Runs a short command to its end, e.g. kill; its status. */
    static int run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(Catflap.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
