package dev.catflap.socket;

import dev.catflap.posix.Posix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Writes and reads the kernel's sockaddr structures for IPv4 and IPv6. */
final class SocketAddressCodec {
    private static final int SOCKADDR_IN_BYTES = 16;
    private static final int SOCKADDR_IN6_BYTES = 28;

    private SocketAddressCodec() {
    }

    static int family(InetAddress address) {
        return address instanceof Inet6Address ? Posix.AF_INET6 : Posix.AF_INET;
    }

    /** sockaddr_in or sockaddr_in6: the family in host order, the port in network order. */
    static byte[] encode(InetAddress address, int port) {
        boolean v6 = address instanceof Inet6Address;
        ByteBuffer buffer = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_BYTES : SOCKADDR_IN_BYTES);
        buffer.order(ByteOrder.nativeOrder()).putShort((short) family(address));
        buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        if (v6) {
            buffer.putInt(0); // flow info
            buffer.put(address.getAddress());
            buffer.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) address).getScopeId());
        } else {
            buffer.put(address.getAddress());
        }
        return buffer.array();
    }

    /** The port of a sockaddr_in or sockaddr_in6. */
    static int port(byte[] sockaddr) {
        return ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
    }

    /** The address of a sockaddr_in or sockaddr_in6. */
    static InetAddress address(byte[] sockaddr) {
        boolean v6 = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder()).getShort(0) == Posix.AF_INET6;
        try {
            return v6 ? Inet6Address.getByAddress(Arrays.copyOfRange(sockaddr, 8, 24))
                    : Inet4Address.getByAddress(Arrays.copyOfRange(sockaddr, 4, 8));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
    }
}
