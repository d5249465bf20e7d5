package dev.catflap.posix;

/**
 * Sockets: create, set up, bind, listen, connect. Addresses are the kernel's sockaddr bytes, as
 * {@link SocketAddressCodec} writes and reads them; descriptors are closed through {@link Descriptors}.
 * The kinds and options are named here; their numbers are Linux's, and known to posix alone.
 */
public interface Sockets {
    /** An address family (AF_UNIX, AF_INET, AF_INET6). */
    enum Family {
        UNIX(1), IPV4(2), IPV6(10);

        final int number;

        Family(int number) {
            this.number = number;
        }
    }

    /** What a socket carries: a stream of bytes (SOCK_STREAM) or datagrams (SOCK_DGRAM). */
    enum Type {
        STREAM(1), DATAGRAM(2);

        final int number;

        Type(int number) {
            this.number = number;
        }
    }

    /** A socket option catflap turns on, with its level and name. */
    enum Option {
        /** SO_REUSEADDR. */
        REUSE_ADDRESS(1, 2),
        /** IPV6_V6ONLY, of IPPROTO_IPV6: an IPv6 socket that takes no IPv4 connection. */
        IPV6_ONLY(41, 26);

        final int level;
        final int name;

        Option(int level, int name) {
            this.level = level;
            this.name = name;
        }
    }

    /**
     * A new socket, close-on-exec until it is placed where the command expects it; with
     * {@code nonBlocking}, calls that would wait fail with EAGAIN instead.
     */
    int socket(Family family, Type type, boolean nonBlocking);

    /** Turns {@code option} on. */
    void enableOption(int fd, Option option);

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
