package dev.catflap.posix;

/**
 * Sockets: create, set up, bind, listen, connect. Addresses are the kernel's sockaddr bytes
 * (see {@code socket.SocketAddressCodec}); descriptors are closed through {@link Descriptors}.
 */
public interface Sockets {
    int AF_UNIX = 1;
    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_STREAM = 1;
    int SOCK_DGRAM = 2;
    /** Or'ed into a socket type: calls that would wait fail with EAGAIN instead. */
    int SOCK_NONBLOCK = 0x800;
    int SOL_SOCKET = 1;
    int SO_REUSEADDR = 2;
    int IPPROTO_IPV6 = 41;
    int IPV6_V6ONLY = 26;

    /** A new socket, close-on-exec until it is placed where the command expects it. */
    int socket(int family, int type);

    void setSocketOption(int fd, int level, int name, int value);

    void bind(int fd, byte[] sockaddr);

    void listen(int fd, int backlog);

    void connect(int fd, byte[] sockaddr);

    /** The address a socket is bound to, as the kernel's sockaddr bytes. */
    byte[] localAddress(int fd);

    /**
     * How many connections wait in the accept queue of the listening TCP socket {@code fd} (IPv4
     * or IPv6): the kernel has completed them and no process has accepted them yet. One call about
     * this socket alone, whatever the number of other sockets on the system. A
     * {@link PosixException} for any other socket (a datagram or unix socket, one not listening).
     */
    int acceptQueueLength(int fd);
}
