package dev.catflap.socket;

import java.net.InetAddress;
import java.util.function.Function;

/**
 * A bound UDP socket: {@code udp://HOST:PORT}.
 *
 * @param address the IP address, the wildcard for every address of its family
 * @param port the port, 0 for any free one
 * @param text the spec as the user wrote it
 */
public record UdpSpec(InetAddress address, int port, String text) implements IpSpec {
    @Override
    public <R> R match(Function<? super TcpSpec, ? extends R> tcp, Function<? super UdpSpec, ? extends R> udp,
            Function<? super UnixSpec, ? extends R> unix) {
        return udp.apply(this);
    }

    @Override
    public SocketType type() {
        return SocketType.DATAGRAM;
    }

    @Override
    public String defaultName() {
        return "udp";
    }
}
