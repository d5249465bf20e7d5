package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The accept-queue length against this machine's kernel: TCP_INFO on a listening socket. */
class LibcSocketsTest {
    private static final byte[] LOOPBACK_ANY_PORT = {(byte) Sockets.Family.IPV4.number, 0, 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};

    private final LibcSockets sockets = new LibcSockets();
    private final List<Integer> opened = new ArrayList<>();

    @Test
    void aListeningSocketTellsHowManyConnectionsWaitUnaccepted() throws Exception {
        int fd = open(Sockets.Family.IPV4, Sockets.Type.STREAM);
        sockets.bind(fd, LOOPBACK_ANY_PORT);
        sockets.listen(fd, 8);
        int port = Short.toUnsignedInt(ByteBuffer.wrap(sockets.localAddress(fd)).getShort(2));
        assertEquals(0, sockets.acceptQueueLength(fd));
        try (Socket first = new Socket(); Socket second = new Socket(); Socket third = new Socket()) {
            for (Socket client : List.of(first, second, third)) {
                client.connect(new InetSocketAddress("127.0.0.1", port));
            }
            assertEquals(3, awaitQueueLength(fd, 3));
        }
        // A client that closes leaves its connection queued: only an accept takes it out.
        assertEquals(3, sockets.acceptQueueLength(fd));
    }

    @Test
    void aSocketWithoutAnAcceptQueueIsAnError() {
        int datagram = open(Sockets.Family.IPV4, Sockets.Type.DATAGRAM);
        PosixException noQueue = assertThrows(PosixException.class, () -> sockets.acceptQueueLength(datagram));
        assertTrue(noQueue.toString().startsWith("dev.catflap.posix.PosixException: getsockopt: "), noQueue.toString());
        int notListening = open(Sockets.Family.IPV4, Sockets.Type.STREAM);
        assertEquals(Errno.EINVAL, assertThrows(PosixException.class, () -> sockets.acceptQueueLength(notListening)).errno());
        int unix = open(Sockets.Family.UNIX, Sockets.Type.STREAM);
        sockets.bind(unix, new byte[] {(byte) Sockets.Family.UNIX.number, 0}); // the family alone: the kernel picks a free abstract name
        sockets.listen(unix, 8);
        assertThrows(PosixException.class, () -> sockets.acceptQueueLength(unix));
    }

    /** The queue's length once it is {@code expected}, or after a second: the kernel queues a connection as the client's ACK comes. */
    private int awaitQueueLength(int fd, int expected) throws InterruptedException {
        int length = sockets.acceptQueueLength(fd);
        for (int i = 0; i < 100 && length != expected; i++) {
            Thread.sleep(10);
            length = sockets.acceptQueueLength(fd);
        }
        return length;
    }

    private int open(Sockets.Family family, Sockets.Type type) {
        int fd = sockets.socket(family, type, false);
        opened.add(fd);
        return fd;
    }

    @AfterEach
    void close() {
        opened.forEach(new LibcDescriptors()::close);
    }
}
