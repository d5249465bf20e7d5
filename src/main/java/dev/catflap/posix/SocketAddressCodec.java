package dev.catflap.posix;

import dev.catflap.posix.Sockets.Family;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes and reads the kernel's sockaddr structures for IPv4, IPv6 and Unix sockets: Linux's
 * layout (the family in host order, 2 bytes), so it lives in posix with the other numbers.
 */
public final class SocketAddressCodec {
    private static final int SOCKADDR_IN_BYTES = 16;
    private static final int SOCKADDR_IN6_BYTES = 28;
    private static final int FAMILY_BYTES = 2;

    private SocketAddressCodec() {
    }

    public static Family family(InetAddress address) {
        return address instanceof Inet6Address ? Family.IPV6 : Family.IPV4;
    }

    /** The family a sockaddr is of. */
    public static Family family(byte[] sockaddr) {
        short number = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder()).getShort(0);
        for (Family family : Family.values()) {
            if (family.number == number) {
                return family;
            }
        }
        throw new IllegalArgumentException("not a family catflap knows: " + number);
    }

    /** sockaddr_in or sockaddr_in6: the family in host order, the port in network order. */
    public static byte[] encode(InetAddress address, int port) {
        boolean v6 = address instanceof Inet6Address;
        ByteBuffer buffer = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_BYTES : SOCKADDR_IN_BYTES);
        buffer.order(ByteOrder.nativeOrder()).putShort((short) family(address).number);
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
    public static int port(byte[] sockaddr) {
        return ((sockaddr[2] & 0xff) << 8) | (sockaddr[3] & 0xff);
    }

    /** The address of a sockaddr_in or sockaddr_in6. */
    public static InetAddress address(byte[] sockaddr) {
        boolean v6 = family(sockaddr) == Family.IPV6;
        try {
            return v6 ? Inet6Address.getByAddress(Arrays.copyOfRange(sockaddr, 8, 24))
                    : Inet4Address.getByAddress(Arrays.copyOfRange(sockaddr, 4, 8));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
    }

    /**
     * sockaddr_un for {@code path}: a file path ends with a NUL; {@code @NAME} is NAME in the
     * abstract namespace, after a leading NUL and with nothing after it; {@code @} alone is the
     * family only, which makes the kernel pick a free abstract name (as port 0 does for IP).
     */
    public static byte[] encodeUnix(String path) {
        boolean abstractName = path.startsWith("@");
        byte[] name = OsString.encode(abstractName ? path.substring(1) : path);
        int length = abstractName && name.length == 0 ? FAMILY_BYTES : FAMILY_BYTES + 1 + name.length;
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        buffer.putShort((short) Family.UNIX.number);
        if (length > FAMILY_BYTES) {
            if (abstractName) {
                buffer.put((byte) 0).put(name);
            } else {
                buffer.put(name).put((byte) 0);
            }
        }
        return buffer.array();
    }

    /** The path of a sockaddr_un as a spec writes it: the file's path, or @NAME when abstract. */
    public static String unixPath(byte[] sockaddr) {
        if (sockaddr.length > FAMILY_BYTES && sockaddr[FAMILY_BYTES] == 0) {
            return "@" + OsString.decode(Arrays.copyOfRange(sockaddr, FAMILY_BYTES + 1, sockaddr.length));
        }
        int end = FAMILY_BYTES;
        while (end < sockaddr.length && sockaddr[end] != 0) {
            end++;
        }
        return OsString.decode(Arrays.copyOfRange(sockaddr, FAMILY_BYTES, end));
    }
}
