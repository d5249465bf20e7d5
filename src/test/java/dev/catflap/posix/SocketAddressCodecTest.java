package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.catflap.posix.Sockets.Family;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's sockaddr layout, known to posix alone: what goes in comes out, and the families are named, not numbered. */
class SocketAddressCodecTest {
    @Test
    void anIpAddressAndPortComeBackAsTheyWent() throws Exception {
        for (String text : List.of("127.0.0.1", "0.0.0.0", "::1", "fe80::1")) {
            InetAddress address = InetAddress.getByName(text);
            byte[] sockaddr = SocketAddressCodec.encode(address, 8080);
            assertEquals(address.getAddress().length == 4 ? Family.IPV4 : Family.IPV6, SocketAddressCodec.family(sockaddr), text);
            assertEquals(address, SocketAddressCodec.address(sockaddr), text);
            assertEquals(8080, SocketAddressCodec.port(sockaddr), text);
        }
    }

    @Test
    void aUnixPathComesBackAsItWent() {
        // "@" alone is the family only, for the kernel to pick a name: getsockname tells it
        for (String path : List.of("/run/app.sock", "@name", "/tmp/caf\u00e9.sock")) {
            byte[] sockaddr = SocketAddressCodec.encodeUnix(path);
            assertEquals(Family.UNIX, SocketAddressCodec.family(sockaddr), path);
            assertEquals(path, SocketAddressCodec.unixPath(sockaddr), path);
        }
    }

    /** The interface callers see names kinds and options; Linux's numbers are not among its members. */
    @Test
    void socketsShowNoNumbers() {
        assertEquals(List.of(), Arrays.stream(Sockets.class.getFields()).map(Field::getName).toList());
        for (Class<?> kind : List.of(Family.class, Sockets.Type.class, Sockets.Option.class)) {
            assertEquals(List.of(), Arrays.stream(kind.getFields()).filter(field -> field.getType() == int.class)
                    .map(Field::getName).toList(), kind.getName());
        }
    }
}
