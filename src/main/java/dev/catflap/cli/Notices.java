package dev.catflap.cli;

import dev.catflap.CatflapLine;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A supervising catflap's notices (restarts, a command that exited), written by a thread of their
 * own. Writing to a standard error nobody reads (a paused pager, a stuck log shipper) blocks once
 * its pipe is full, and the supervisor must go on handling signals and changes whatever the output
 * does: it only queues a notice. When the queue is full, notices are dropped and counted, and the
 * count is written in their place once there is room again.
 */
final class Notices implements Consumer<String>, AutoCloseable {
    private static final int CAPACITY = 64;
    /** How long catflap's end waits for the notices still queued to be written. */
    private static final Duration DRAIN = Duration.ofSeconds(1);

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicInteger unwritten = new AtomicInteger();
    /**
     * fd 2 without System.err: a write blocked on a full pipe holds System.err's lock, and
     * whatever else would write there (the JVM's exit) would wait for it too.
     */
    private final OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    private int dropped;

    private Notices() {
    }

    /** Notices written on stderr from now on. */
    static Notices start() {
        Notices notices = new Notices();
        Thread writer = new Thread(notices::write, "catflap-notices");
        writer.setDaemon(true);
        writer.start();
        return notices;
    }

    /** Queues {@code line}; only the supervisor's thread calls this. */
    @Override
    public void accept(String line) {
        if (dropped > 0 && queue.remainingCapacity() >= 2) {
            enqueue(dropped + (dropped == 1 ? " notice" : " notices") + " dropped: nothing read standard error");
            dropped = 0;
        }
        if (!enqueue(line)) {
            dropped++;
        }
    }

    /** Waits a moment for the notices still queued, then lets them go: catflap's end is not held up either. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (unwritten.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean enqueue(String line) {
        unwritten.incrementAndGet();
        if (queue.offer(line)) {
            return true;
        }
        unwritten.decrementAndGet();
        return false;
    }

    private void write() {
        while (true) {
            try {
                stderr.write(CatflapLine.bytes(queue.take()));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // nothing can be said about it: stderr is where it would go
            } finally {
                unwritten.decrementAndGet();
            }
        }
    }
}
