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
 * Watches the accept queues of catflap's listening TCP sockets and reports, once a second, each
 * queue that holds connections, with since when it has held them without an accept in between
 * ({@link WaitingClients} decides what is worth a line). It asks the kernel about catflap's own
 * descriptors alone ({@link Sockets#acceptQueueLength}, one getsockopt each): reading /proc/net/tcp
 * instead cost CPU in proportion to every socket on the machine, which any user can open by the
 * thousand.
 *
 * <p>The kernel tells only how long a queue is, not whether anything was taken from it. A queue
 * found non-empty once a second may be a busy command's, which accepts each connection a moment
 * after it arrives: a client that connects again as soon as it is answered is in the queue at
 * many a look (the notice "accepted none" once came after 10 s of such looks, while every request
 * was answered). So while a queue holds connections it is looked at ten times a second, and the
 * wait counts anew whenever a look finds it shorter than the one before (only accept() shortens a
 * listening socket's queue) or empty. A queue that nothing takes from never shortens. While every
 * queue is empty, one look a second, as before: an idle catflap wakes no more often.
 *
 * <p>Datagram sockets have no queue of clients waiting to be accepted, and a listening unix
 * socket's queue is not told by TCP_INFO (only by sock_diag): neither is watched.
 */
final class UnacceptedConnections implements AutoCloseable {
    /** How often a queue is looked at while all are empty. */
    private static final Duration IDLE_LOOK = Duration.ofSeconds(1);
    /** How often while one holds connections: often enough to see a busy command take them. */
    static final Duration WAITING_LOOK = Duration.ofMillis(100);
    /** How often a queue that holds connections is reported. */
    private static final Duration REPORT = Duration.ofSeconds(1);
    private static final long EMPTY = Long.MIN_VALUE;

    private final Sockets sockets;
    private final List<BoundSocket> watched;
    private final Consumer<Event> events;
    /** Per watched socket: since when (System.nanoTime()) its queue has held connections and not shortened, or EMPTY. */
    private final long[] waitingSince;
    /** Per watched socket: its queue's length at the last look. */
    private final int[] lastLength;
    /** Per watched socket: when it was last reported (System.nanoTime()), or EMPTY. */
    private final long[] reported;
    private final Thread thread;

    UnacceptedConnections(Sockets sockets, List<BoundSocket> bound, Consumer<Event> events) {
        this.sockets = sockets;
        this.watched = bound.stream().filter(socket -> queueTold(socket.spec())).toList();
        this.events = events;
        this.waitingSince = new long[watched.size()];
        Arrays.fill(waitingSince, EMPTY);
        this.lastLength = new int[watched.size()];
        this.reported = new long[watched.size()];
        Arrays.fill(reported, EMPTY);
        this.thread = new Thread(this::look, "catflap-accept-queues");
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

    private void look() {
        boolean waiting = false;
        while (true) {
            try {
                Thread.sleep((waiting ? WAITING_LOOK : IDLE_LOOK).toMillis());
            } catch (InterruptedException e) {
                return;
            }
            waiting = sample(System.nanoTime());
        }
    }

    /**
     * One look at each queue, at {@code now} (System.nanoTime()): one that holds connections is
     * reported, at most once a {@link #REPORT}. Returns whether any holds connections.
     */
    boolean sample(long now) {
        boolean any = false;
        for (int i = 0; i < watched.size(); i++) {
            int waiting = queueLength(watched.get(i));
            boolean accepted = waiting < lastLength[i]; // only accept() shortens the queue
            lastLength[i] = waiting;
            if (waiting == 0) {
                waitingSince[i] = EMPTY;
                reported[i] = EMPTY;
                continue;
            }
            any = true;
            if (waitingSince[i] == EMPTY || accepted) {
                waitingSince[i] = now;
            }
            if (reported[i] == EMPTY || now - reported[i] >= REPORT.toNanos()) {
                reported[i] = now;
                events.accept(new Unaccepted(watched.get(i).address(), waiting, waitingSince[i]));
            }
        }
        return any;
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
