package dev.catflap.supervise;

import dev.catflap.posix.PosixException;
import dev.catflap.posix.Sockets;
import dev.catflap.socket.BoundSocket;
import dev.catflap.socket.ListenSpec;
import dev.catflap.supervise.Event.Unaccepted;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Watches the accept queues of catflap's listening TCP sockets, once a second, and reports each
 * sample that finds connections waiting there, with since when they have ({@link WaitingClients}
 * decides what is worth a line). It asks the kernel about catflap's own descriptors alone
 * ({@link Sockets#acceptQueueLength}, one getsockopt each): reading /proc/net/tcp instead cost CPU
 * in proportion to every socket on the machine, which any user can open by the thousand.
 *
 * <p>Datagram sockets have no queue of clients waiting to be accepted, and a listening unix
 * socket's queue is not told by TCP_INFO (only by sock_diag): neither is watched.
 */
final class UnacceptedConnections implements AutoCloseable {
    private static final Duration SAMPLE = Duration.ofSeconds(1);
    private static final long EMPTY = Long.MIN_VALUE;

    private final Sockets sockets;
    private final List<BoundSocket> watched;
    private final Consumer<Event> events;
    /** Per watched socket: since when (System.nanoTime()) its queue has held connections at every sample, or EMPTY. */
    private final long[] waitingSince;
    private final Thread thread;

    UnacceptedConnections(Sockets sockets, List<BoundSocket> bound, Consumer<Event> events) {
        this.sockets = sockets;
        this.watched = bound.stream().filter(socket -> queueTold(socket.spec())).toList();
        this.events = events;
        this.waitingSince = new long[watched.size()];
        Arrays.fill(waitingSince, EMPTY);
        this.thread = new Thread(this::sampleEachSecond, "catflap-accept-queues");
        thread.setDaemon(true);
    }

    /** Whether TCP_INFO tells how many connections wait to be accepted on a socket of this kind. */
    private static boolean queueTold(ListenSpec spec) {
        return spec.match(tcp -> true, udp -> false, unix -> false);
    }

    /** Starts watching the TCP ones of {@code bound}; reports go to {@code events}. */
    static UnacceptedConnections start(Sockets sockets, List<BoundSocket> bound, Consumer<Event> events) {
        UnacceptedConnections queues = new UnacceptedConnections(sockets, bound, events);
        if (!queues.watched.isEmpty()) {
            queues.thread.start();
        }
        return queues;
    }

    private void sampleEachSecond() {
        while (true) {
            try {
                Thread.sleep(SAMPLE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            sample(System.nanoTime());
        }
    }

    /** One look at each queue, at {@code now} (System.nanoTime()): one that holds connections is reported. */
    void sample(long now) {
        for (int i = 0; i < watched.size(); i++) {
            int waiting = queueLength(watched.get(i));
            if (waiting == 0) {
                waitingSince[i] = EMPTY;
                continue;
            }
            if (waitingSince[i] == EMPTY) {
                waitingSince[i] = now;
            }
            events.accept(new Unaccepted(watched.get(i).address(), waiting, waitingSince[i]));
        }
    }

    private int queueLength(BoundSocket socket) {
        try {
            return sockets.acceptQueueLength(socket.fd());
        } catch (PosixException e) {
            return 0; // catflap holds its listening sockets to its end: not expected, and nothing to say then
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
