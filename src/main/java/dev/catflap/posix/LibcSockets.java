package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;

/** {@link Sockets} through libc. */
final class LibcSockets implements Sockets {
    private static final int SOCK_CLOEXEC = 0x80000;
    /** Or'ed into a socket type: calls that would wait fail with EAGAIN instead. */
    private static final int SOCK_NONBLOCK = 0x800;
    /** Larger than any sockaddr (sockaddr_un is 110 bytes). */
    private static final int ADDRESS_BYTES = 128;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_INFO = 11;
    /**
     * The start of struct tcp_info (linux/tcp.h) up to what is read: tcpi_state is its first byte;
     * tcpi_unacked (offset 24) and tcpi_sacked (28) hold, for a listening socket, the accept
     * queue's length and its backlog (tcp_get_info since Linux 2.6.x). The kernel copies no more
     * than the length given.
     */
    private static final int TCP_INFO_BYTES = 32;
    private static final int TCPI_UNACKED = 24;
    private static final byte TCP_LISTEN = 10;

    @Override
    public int socket(Family family, Type type, boolean nonBlocking) {
        int flags = SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0);
        return check("socket", () -> libc().socket(family.number, type.number | flags, 0));
    }

    @Override
    public void enableOption(int fd, Option option) {
        check("setsockopt", () -> libc().setsockopt(fd, option.level, option.name, new IntByReference(1), Integer.BYTES));
    }

    @Override
    public void bind(int fd, byte[] sockaddr) {
        check("bind", () -> libc().bind(fd, NativeMemory.of(sockaddr), sockaddr.length));
    }

    @Override
    public void listen(int fd, int backlog) {
        check("listen", () -> libc().listen(fd, backlog));
    }

    @Override
    public void connect(int fd, byte[] sockaddr) {
        check("connect", () -> libc().connect(fd, NativeMemory.of(sockaddr), sockaddr.length));
    }

    @Override
    public byte[] localAddress(int fd) {
        Memory buffer = NativeMemory.zeroed(ADDRESS_BYTES);
        IntByReference length = new IntByReference(ADDRESS_BYTES);
        check("getsockname", () -> libc().getsockname(fd, buffer, length));
        return buffer.getByteArray(0, length.getValue());
    }

    @Override
    public int acceptQueueLength(int fd) {
        Memory info = NativeMemory.zeroed(TCP_INFO_BYTES);
        IntByReference length = new IntByReference(TCP_INFO_BYTES);
        check("getsockopt", () -> libc().getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, length));
        if (length.getValue() < TCPI_UNACKED + Integer.BYTES || info.getByte(0) != TCP_LISTEN) {
            // tcpi_unacked means unacknowledged segments on any other TCP socket
            throw new PosixException("getsockopt", Errno.EINVAL);
        }
        return info.getInt(TCPI_UNACKED);
    }
}
