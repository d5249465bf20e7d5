package dev.catflap.units;

import dev.catflap.socket.IpLiteral;
import dev.catflap.socket.IpSpec;
import dev.catflap.socket.ListenSpec;
import dev.catflap.socket.SocketType;
import dev.catflap.socket.UnixSpec;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One socket as a .socket unit lists it ({@code ListenStream=127.0.0.1:8080},
 * {@code ListenDatagram=...}) and as systemd-socket-activate's {@code -l} takes it: the same
 * address text serves both.
 *
 * @param directive ListenStream or ListenDatagram
 * @param address the address as systemd parses it: {@code HOST:PORT}, {@code [IPV6]:PORT}, an
 *     absolute path, or {@code @NAME}
 * @param spec the socket as catflap's settings give it
 */
public record ListenLine(String directive, String address, ListenSpec spec) {
    /** sun_path's 108 bytes, less the NUL that systemd ends a path with. */
    private static final int MAX_PATH_BYTES = 107;

    /**
     * The line for {@code spec}; a relative Unix socket path is made absolute in
     * {@code workingDirectory}, where catflap would bind it and the service runs.
     *
     * @throws IllegalArgumentException for a socket systemd cannot listen on as asked: a port or an
     *     abstract name the kernel picks at each start, a path a unit file cannot hold
     */
    public static ListenLine of(ListenSpec spec, Path workingDirectory) {
        String address = spec.match(ListenLine::ipAddress, ListenLine::ipAddress,
                unix -> unixAddress(unix, workingDirectory));
        return new ListenLine(directive(spec.type()), address, spec);
    }

    private static String directive(SocketType type) {
        return switch (type) {
            case STREAM -> "ListenStream";
            case DATAGRAM -> "ListenDatagram";
        };
    }

    /** The unit file's line, specifiers escaped. */
    public String unitLine() {
        return directive + "=" + SystemdQuoting.lineValue(address);
    }

    /** Whether it is an IPv6 socket, which catflap binds IPv6-only. */
    public boolean isIpv6() {
        return spec.match(tcp -> isIpv6(tcp), udp -> isIpv6(udp), unix -> false);
    }

    private static boolean isIpv6(IpSpec spec) {
        return spec.address() instanceof Inet6Address;
    }

    /** Whether the socket has a file, whose permissions the unit sets. */
    public boolean hasSocketFile() {
        return spec.socketFile().isPresent();
    }

    public boolean isDatagram() {
        return spec.type() == SocketType.DATAGRAM;
    }

    private static String ipAddress(IpSpec spec) {
        if (spec.port() == 0) {
            throw new IllegalArgumentException("port 0 picks another free port at each start, which a .socket unit "
                    + "cannot do: give a fixed port");
        }
        if (spec.address() instanceof Inet6Address ipv6 && (ipv6.getScopeId() != 0 || ipv6.getScopedInterface() != null)) {
            // systemd parses [ADDRESS]:PORT without a scope, and ignores the whole line with one
            throw new IllegalArgumentException("systemd's Listen lines take no IPv6 scope (%" + scope(ipv6)
                    + "): listen on an address without one");
        }
        return IpLiteral.format(spec.address()) + ":" + spec.port();
    }

    private static String unixAddress(UnixSpec spec, Path workingDirectory) {
        if (spec.isAutobound()) {
            throw new IllegalArgumentException("unix:@ lets the kernel pick a name at each start, which a .socket unit "
                    + "cannot do: give a name, unix:@NAME");
        }
        String address = spec.isAbstract() ? spec.path() : absolute(spec.path(), workingDirectory);
        SystemdQuoting.lineValue(address);
        return address;
    }

    private static String scope(Inet6Address address) {
        return address.getScopedInterface() != null ? address.getScopedInterface().getName()
                : String.valueOf(address.getScopeId());
    }

    /**
     * systemd takes only absolute, normalized paths for sockets, and ignores a Listen line whose
     * path does not fit a socket address (107 bytes): catflap binds a relative path as it is, so
     * one that fits there may not once made absolute. A {@code ..} is resolved as the kernel
     * would when catflap binds it ({@link ResolvedPath}).
     */
    private static String absolute(String path, Path workingDirectory) {
        SystemdQuoting.lineValue(path); // a path Java cannot name is refused for what it is, before resolving
        String absolute = ResolvedPath.of(workingDirectory, path);
        int bytes = absolute.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("made absolute for systemd, " + absolute + " is " + bytes + " bytes, more "
                    + "than the " + MAX_PATH_BYTES + " a socket address holds: listen on a shorter path");
        }
        return absolute;
    }
}
