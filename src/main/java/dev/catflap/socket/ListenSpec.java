package dev.catflap.socket;

import dev.catflap.posix.OsString;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One socket the user asked for: its kind is its type ({@link TcpSpec}, {@link UdpSpec},
 * {@link UnixSpec}), and the interface is sealed. What differs by kind is either a method below,
 * which each kind must implement, or told apart by {@link #match}, which takes one case per kind:
 * a new kind does not compile until each of them says what it does (Java 17, catflap's baseline,
 * has no exhaustive switch over types; {@code match} is that switch). Text becomes a spec here
 * alone ({@link #parse}); after it only the typed values travel. {@link #text} is how the user
 * wrote it, so that errors can quote it.
 */
public sealed interface ListenSpec permits IpSpec, UnixSpec {
    String TCP_SCHEME = "tcp://";
    String UDP_SCHEME = "udp://";
    String UNIX_SCHEME = "unix:";
    String SYNTAX = "HOST:PORT, [IPV6]:PORT, tcp://HOST:PORT, udp://HOST:PORT, unix:PATH or unix:@NAME";

    /** The spec as the user wrote it. */
    String text();

    /**
     * The case of this spec's kind applied to it: the exhaustive switch over the kinds. Adding a
     * kind adds a parameter here, and every caller must then say what that kind does.
     */
    <R> R match(Function<? super TcpSpec, ? extends R> tcp, Function<? super UdpSpec, ? extends R> udp,
            Function<? super UnixSpec, ? extends R> unix);

    /** Stream (connections to accept) or datagram. */
    SocketType type();

    /**
     * The name a socket of this kind gets in LISTEN_FDNAMES and FileDescriptorName= when the user
     * gives none: its kind ({@code tcp}, {@code udp}, {@code unix}), which at least tells a server
     * which is which.
     */
    String defaultName();

    /** The file binding this socket creates, which catflap removes again; empty where none is made. */
    Optional<String> socketFile();

    /** Whether other machines can reach it: an IP socket on an address other than loopback. */
    boolean reachableFromOtherHosts();

    /**
     * Whether this socket would take the same address as {@code other}, or one that overlaps it.
     * Sockets of different kinds never do.
     */
    boolean clashesWith(ListenSpec other);

    /** Why this socket cannot be bound besides {@code earlier}, with which it {@link #clashesWith clashes}. */
    String clashDescription(ListenSpec earlier);

    /** The single TCP socket of the {@code -h/-p} shorthand. */
    static ListenSpec tcp(InetAddress address, int port) {
        return new TcpSpec(address, port, IpLiteral.format(address) + ":" + port);
    }

    /**
     * The socket {@code text} asks for: {@value #SYNTAX}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static ListenSpec parse(String text) {
        if (text.startsWith(UNIX_SCHEME)) {
            return unix(text.substring(UNIX_SCHEME.length()), text);
        }
        if (text.startsWith(TCP_SCHEME)) {
            return ip(text.substring(TCP_SCHEME.length()), (address, port) -> new TcpSpec(address, port, text));
        }
        if (text.startsWith(UDP_SCHEME)) {
            return ip(text.substring(UDP_SCHEME.length()), (address, port) -> new UdpSpec(address, port, text));
        }
        if (text.contains("://")) {
            throw new IllegalArgumentException("unknown kind of socket (write " + SYNTAX + ")");
        }
        return ip(text, (address, port) -> new TcpSpec(address, port, text));
    }

    /** HOST:PORT or [IPV6]:PORT, made into a spec of its kind by {@code kind}. */
    private static ListenSpec ip(String hostAndPort, BiFunction<InetAddress, Integer, ListenSpec> kind) {
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
        return kind.apply(address, port);
    }

    private static ListenSpec unix(String path, String text) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no path after unix: (write unix:PATH or unix:@NAME)");
        }
        int bytes = OsString.encode(path).length - (path.startsWith("@") ? 1 : 0);
        if (bytes > UnixSpec.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a Unix socket " + (path.startsWith("@") ? "name" : "path")
                    + " has at most " + UnixSpec.MAX_NAME_BYTES + " bytes, this one has " + bytes);
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a Unix socket path cannot contain a NUL character");
        }
        return new UnixSpec(path, text);
    }
}
