package dev.catflap.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that send requests one after another to an example server until stopped, recording who
 * answered each one and every request that failed.
 */
final class Clients implements AutoCloseable {
    private final int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<Long> servedBy = new ConcurrentLinkedQueue<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private Clients(int port) {
        this.port = port;
    }

    static Clients start(int port, int count) {
        Clients clients = new Clients(port);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(clients::sendUntilStopped, "client-" + i);
            clients.threads.add(thread);
            thread.start();
        }
        return clients;
    }

    private void sendUntilStopped() {
        while (running.get()) {
            try {
                servedBy.add(HelloReply.of(Http.get(port)).pid());
            } catch (IOException | AssertionError e) {
                failures.add(e.toString());
            }
        }
    }

    /**
     * Waits (bounded by the tests' timeout) until {@code count} replies came from the server with
     * pid {@code pid} ({@code fromIt}) or from other servers (not {@code fromIt}).
     */
    void awaitReplies(long pid, boolean fromIt, int count) {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (servedBy.stream().filter(served -> (served == pid) == fromIt).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " replies " + (fromIt ? "from" : "other than")
                        + " pid " + pid + " within " + Catflap.TIMEOUT + "; served by " + servedBy + ", failures " + failures);
            }
            Catflap.sleep(20);
        }
    }

    /** Stops the clients once their requests in flight are answered, and returns the failures. */
    List<String> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Catflap.TIMEOUT.toMillis() * 2);
        }
        return new ArrayList<>(failures);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
