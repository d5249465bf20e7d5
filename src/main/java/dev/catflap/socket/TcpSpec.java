package dev.catflap.socket;

import java.net.InetAddress;
import java.util.function.Function;

/**
 * A listening TCP socket: {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code tcp://HOST:PORT}.
 *
 * @param address the IP address, the wildcard for every address of its family
 * @param port the port, 0 for any free one
 * @param text the spec as the user wrote it
 */
public record TcpSpec(InetAddress address, int port, String text) implements IpSpec {
    @Override
    public <R> R match(Function<? super TcpSpec, ? extends R> tcp, Function<? super UdpSpec, ? extends R> udp,
            Function<? super UnixSpec, ? extends R> unix) {
        return tcp.apply(this);
    }

    @Override
    public SocketType type() {
        return SocketType.STREAM;
    }

    @Override
    public String defaultName() {
        return "tcp";
    }
}
