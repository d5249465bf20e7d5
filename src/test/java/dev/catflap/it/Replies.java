package dev.catflap.it;

import static dev.catflap.it.CoreIT.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Sends requests one after another until closed, recording who answered each, in order. */
final class Replies implements AutoCloseable {
    final List<Long> order = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failures = new AtomicInteger();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    Replies(int port) {
        thread = new Thread(() -> {
            while (running) {
                try {
                    String reply = request("127.0.0.1", port);
                    if (reply == null || !reply.startsWith("pid ")) {
                        throw new IOException("reply: " + reply);
                    }
                    order.add(Long.parseLong(reply.substring("pid ".length())));
                } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
            }
        }, "client");
        thread.start();
    }

    /** The servers that answered, in order, once there are {@code count}. */
    List<Long> awaitServers(int count) {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (true) {
            List<Long> servers = servers();
            if (servers.size() >= count) {
                return servers;
            }
            assertTrue(System.nanoTime() < deadline, "not " + count + " servers within " + Catflap.TIMEOUT + ": " + servers);
            Catflap.sleep(10);
        }
    }

    /** The servers that answered so far, each once, in the order they first did. */
    List<Long> servers() {
        synchronized (order) {
            return new ArrayList<>(new LinkedHashSet<>(order));
        }
    }

    /** True when no server answered again once the next one had. */
    boolean eachServerInTurn() {
        List<Long> turns = new ArrayList<>();
        synchronized (order) {
            for (long pid : order) {
                if (turns.isEmpty() || turns.get(turns.size() - 1) != pid) {
                    turns.add(pid);
                }
            }
        }
        return turns.size() == new LinkedHashSet<>(turns).size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
