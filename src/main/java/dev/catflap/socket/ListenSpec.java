package dev.catflap.socket;

import dev.catflap.posix.OsString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * One socket the user asked for: what kind, and where. {@code text} is how the user wrote it, so
 * that errors can quote it.
 *
 * @param transport TCP, UDP or UNIX
 * @param address the IP address of a TCP or UDP socket; null for UNIX
 * @param port the port of a TCP or UDP socket, 0 for any free one; 0 for UNIX
 * @param path the path of a UNIX socket, or {@code @NAME} in the abstract namespace ({@code @}
 *     alone lets the kernel pick a name); null for TCP and UDP
 * @param text the spec as the user wrote it
 */
public record ListenSpec(Transport transport, InetAddress address, int port, String path, String text) {
    /** sun_path holds 108 bytes; a path needs its terminating NUL, a name its leading one. */
    static final int MAX_UNIX_NAME_BYTES = 107;
    private static final String TCP_SCHEME = "tcp://";
    private static final String UDP_SCHEME = "udp://";
    public static final String UNIX_SCHEME = "unix:";
    public static final String SYNTAX = "HOST:PORT, [IPV6]:PORT, tcp://HOST:PORT, udp://HOST:PORT, unix:PATH or unix:@NAME";

    /** The single TCP socket of the {@code -h/-p} shorthand. */
    public static ListenSpec tcp(InetAddress address, int port) {
        return new ListenSpec(Transport.TCP, address, port, null, IpLiteral.format(address) + ":" + port);
    }

    /**
     * The socket {@code text} asks for: {@value #SYNTAX}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static ListenSpec parse(String text) {
        if (text.startsWith(UNIX_SCHEME)) {
            return unix(text.substring(UNIX_SCHEME.length()), text);
        }
        if (text.startsWith(TCP_SCHEME)) {
            return ip(Transport.TCP, text.substring(TCP_SCHEME.length()), text);
        }
        if (text.startsWith(UDP_SCHEME)) {
            return ip(Transport.UDP, text.substring(UDP_SCHEME.length()), text);
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException("unknown kind of socket (write " + SYNTAX + ")");
        }
        return ip(Transport.TCP, text, text);
    }

    /** A Unix socket in the abstract namespace, which leaves no file behind. */
    public boolean isAbstract() {
        return transport == Transport.UNIX && path.startsWith("@");
    }

    /**
     * Whether this socket would take the same address as {@code other}, or one that overlaps it:
     * the wildcard address (0.0.0.0, ::) takes the port on every address of its family, so no
     * other socket of that family can have it. The families stay apart, as catflap binds IPv6
     * sockets IPv6-only. Port 0 never clashes: the kernel picks a different port for each.
     */
    public boolean clashesWith(ListenSpec other) {
        if (transport != other.transport) {
            return false;
        }
        if (transport == Transport.UNIX) {
            return isAbstract() || other.isAbstract()
                    ? path.equals(other.path) && !path.equals("@")
                    : sameFile(path, other.path);
        }
        return port != 0 && port == other.port && address.getClass() == other.address.getClass()
                && (address.equals(other.address) || address.isAnyLocalAddress() || other.address.isAnyLocalAddress());
    }

    /** Why this socket cannot be bound besides {@code earlier}, with which it {@link #clashesWith clashes}. */
    public String clashDescription(ListenSpec earlier) {
        if (transport == Transport.UNIX || address.equals(earlier.address)) {
            return text + " is the same address as " + earlier.text;
        }
        InetAddress wildcard = address.isAnyLocalAddress() ? address : earlier.address;
        return text + " overlaps " + earlier.text + " (" + IpLiteral.format(wildcard) + " takes port " + port + " on every IPv"
                + (wildcard instanceof Inet6Address ? "6" : "4") + " address)";
    }

    /** unix:a.sock and unix:./a.sock are one file; so are a relative and an absolute path to it. */
    private static boolean sameFile(String path, String otherPath) {
        if (OsString.hasEscapes(path) || OsString.hasEscapes(otherPath)) {
            return path.equals(otherPath); // bytes Java's file API cannot name: compared as written
        }
        return Path.of(path).toAbsolutePath().normalize().equals(Path.of(otherPath).toAbsolutePath().normalize());
    }

    private static ListenSpec ip(Transport transport, String hostAndPort, String text) {
        int colon = hostAndPort.startsWith("[") ? hostAndPort.indexOf("]:") + 1 : hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a listen spec (write " + SYNTAX + ")");
        }
        String host = hostAndPort.substring(0, colon);
        if (host.contains(":") && !host.startsWith("[")) {
            throw new IllegalArgumentException("an IPv6 address goes in brackets, e.g. [::1]:8080");
        }
        InetAddress address = IpLiteral.parse(host);
        int port = Port.parse(hostAndPort.substring(colon + 1));
        return new ListenSpec(transport, address, port, null, text);
    }

    private static ListenSpec unix(String path, String text) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no path after unix: (write unix:PATH or unix:@NAME)");
        }
        int bytes = OsString.encode(path).length - (path.startsWith("@") ? 1 : 0);
        if (bytes > MAX_UNIX_NAME_BYTES) {
            throw new IllegalArgumentException("a Unix socket " + (path.startsWith("@") ? "name" : "path")
                    + " has at most " + MAX_UNIX_NAME_BYTES + " bytes, this one has " + bytes);
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a Unix socket path cannot contain a NUL character");
        }
        return new ListenSpec(Transport.UNIX, null, 0, path, text);
    }
}
