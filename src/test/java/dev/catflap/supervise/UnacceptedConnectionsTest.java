package dev.catflap.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.Errno;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.Sockets;
import dev.catflap.socket.BoundSocket;
import dev.catflap.socket.ListenSpec;
import dev.catflap.supervise.Event.Unaccepted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The accept-queue watch against fake sockets: what it asks, and what it reports. */
class UnacceptedConnectionsTest {
    private final QueueLengths sockets = new QueueLengths();
    private final List<Event> events = new ArrayList<>();

    private static final long SECOND = 1_000_000_000L;
    private static final long LOOK = UnacceptedConnections.WAITING_LOOK.toNanos();

    @Test
    void aQueueThatHoldsConnectionsIsReportedOnceASecondWithSinceWhen() {
        UnacceptedConnections queues = new UnacceptedConnections(sockets, List.of(tcp(3, "127.0.0.1:8080")), events::add);
        assertFalse(queues.sample(SECOND));
        sockets.lengths.put(3, 2);
        assertTrue(queues.sample(2 * SECOND));
        assertTrue(queues.sample(2 * SECOND + LOOK));
        sockets.lengths.put(3, 3);
        assertTrue(queues.sample(3 * SECOND));
        assertEquals(List.of(new Unaccepted("127.0.0.1:8080", 2, 2 * SECOND), new Unaccepted("127.0.0.1:8080", 3, 2 * SECOND)), events);
    }

    @Test
    void aQueueFoundShorterWasAcceptedFromAndItsWaitCountsAnew() {
        // A busy command's queue: never empty at a look, but it shortens as the command accepts.
        UnacceptedConnections queues = new UnacceptedConnections(sockets, List.of(tcp(3, "127.0.0.1:8080")), events::add);
        sockets.lengths.put(3, 2);
        queues.sample(SECOND);
        sockets.lengths.put(3, 1);
        queues.sample(SECOND + LOOK);
        sockets.lengths.put(3, 2);
        queues.sample(SECOND + 2 * LOOK);
        queues.sample(2 * SECOND + 2 * LOOK);
        assertEquals(List.of(new Unaccepted("127.0.0.1:8080", 2, SECOND), new Unaccepted("127.0.0.1:8080", 2, SECOND + LOOK)), events);
    }

    @Test
    void aQueueThatEmptiedWaitsAnewFromItsNextConnection() {
        UnacceptedConnections queues = new UnacceptedConnections(sockets, List.of(tcp(3, "127.0.0.1:8080")), events::add);
        sockets.lengths.put(3, 1);
        queues.sample(SECOND);
        sockets.lengths.put(3, 0);
        assertFalse(queues.sample(SECOND + LOOK));
        sockets.lengths.put(3, 4);
        queues.sample(SECOND + 2 * LOOK);
        assertEquals(List.of(new Unaccepted("127.0.0.1:8080", 1, SECOND), new Unaccepted("127.0.0.1:8080", 4, SECOND + 2 * LOOK)), events);
    }

    @Test
    void onlyTcpSocketsAreAskedEachOnItsOwnDescriptor() {
        sockets.lengths.putAll(Map.of(3, 1, 4, 5, 5, 7, 6, 0));
        UnacceptedConnections queues = new UnacceptedConnections(sockets, List.of(tcp(3, "127.0.0.1:8080"),
                socket(4, "udp://127.0.0.1:53", "127.0.0.1:53"), socket(5, "unix:/tmp/s", "/tmp/s"), tcp(6, "[::1]:8080")), events::add);
        queues.sample(100);
        assertEquals(List.of(3, 6), sockets.asked);
        assertEquals(List.of(new Unaccepted("127.0.0.1:8080", 1, 100)), events);
    }

    @Test
    void aSocketTheKernelCannotTellAboutHoldsNoClients() {
        sockets.failing = true;
        UnacceptedConnections queues = new UnacceptedConnections(sockets, List.of(tcp(3, "127.0.0.1:8080")), events::add);
        queues.sample(100);
        assertEquals(List.of(), events);
    }

    private static BoundSocket tcp(int fd, String address) {
        return socket(fd, "tcp://" + address, address);
    }

    private static BoundSocket socket(int fd, String spec, String address) {
        return new BoundSocket(fd, ListenSpec.parse(spec), address);
    }

    /** Sockets that answer only how long their accept queues are, as the test sets them. */
    private static final class QueueLengths implements Sockets {
        final Map<Integer, Integer> lengths = new HashMap<>();
        final List<Integer> asked = new ArrayList<>();
        boolean failing;

        @Override
        public int acceptQueueLength(int fd) {
            asked.add(fd);
            if (failing) {
                throw new PosixException("getsockopt", Errno.EINVAL);
            }
            return lengths.getOrDefault(fd, 0);
        }

        @Override
        public int socket(Family family, Type type, boolean nonBlocking) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void enableOption(int fd, Option option) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void bind(int fd, byte[] sockaddr) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void listen(int fd, int backlog) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void connect(int fd, byte[] sockaddr) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] localAddress(int fd) {
            throw new UnsupportedOperationException();
        }
    }
}
