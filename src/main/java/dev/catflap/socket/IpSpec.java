package dev.catflap.socket;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A socket on an IP address and port: what TCP and UDP share. Code that treats them alike may
 * switch on this type; code that does not switches on {@link TcpSpec} and {@link UdpSpec}.
 */
public sealed interface IpSpec extends ListenSpec permits TcpSpec, UdpSpec {
    /** The IP address; the wildcard (0.0.0.0, ::) for every address of its family. */
    InetAddress address();

    /** The port, 0 for any free one the kernel picks. */
    int port();

    @Override
    default Optional<String> socketFile() {
        return Optional.empty();
    }

    @Override
    default boolean reachableFromOtherHosts() {
        return !address().isLoopbackAddress();
    }

    /**
     * The wildcard address (0.0.0.0, ::) takes the port on every address of its family, so no
     * other socket of that family and kind can have it. The families stay apart, as catflap binds
     * IPv6 sockets IPv6-only. Port 0 never clashes: the kernel picks a different port for each.
     */
    @Override
    default boolean clashesWith(ListenSpec other) {
        return other.getClass() == getClass() && other instanceof IpSpec ip
                && port() != 0 && port() == ip.port() && address().getClass() == ip.address().getClass()
                && (address().equals(ip.address()) || address().isAnyLocalAddress() || ip.address().isAnyLocalAddress());
    }

    @Override
    default String clashDescription(ListenSpec earlier) {
        InetAddress earlierAddress = ((IpSpec) earlier).address();
        if (address().equals(earlierAddress)) {
            return text() + " is the same address as " + earlier.text();
        }
        InetAddress wildcard = address().isAnyLocalAddress() ? address() : earlierAddress;
        return text() + " overlaps " + earlier.text() + " (" + IpLiteral.format(wildcard) + " takes port " + port()
                + " on every IPv" + (wildcard instanceof Inet6Address ? "6" : "4") + " address)";
    }
}
