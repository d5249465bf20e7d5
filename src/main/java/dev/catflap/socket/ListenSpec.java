package dev.catflap.socket;

import java.net.InetAddress;

/**
 * One socket the user asked for: what kind, and where. {@code text} is how the user wrote it, so
 * that errors can quote it.
 */
public record ListenSpec(Transport transport, InetAddress address, int port, String text) {

    /** The single TCP socket of the {@code -h/-p} shorthand. */
    public static ListenSpec tcp(InetAddress address, int port) {
        return new ListenSpec(Transport.TCP, address, port, IpLiteral.format(address) + ":" + port);
    }
}
