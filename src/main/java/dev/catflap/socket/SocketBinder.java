package dev.catflap.socket;

import dev.catflap.CatflapException;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;

/** Creates, binds and (for streams) listens on the sockets the user asked for. */
@ApplicationScoped
public class SocketBinder {
    private final Posix posix;

    public SocketBinder(Posix posix) {
        this.posix = posix;
    }

    /**
     * Binds one socket. It stays close-on-exec until the launcher places it.
     *
     * @throws CatflapException naming the address and the reason, e.g. "address already in use"
     */
    public BoundSocket bind(ListenSpec spec, int backlog) {
        int type = spec.transport() == Transport.UDP ? Posix.SOCK_DGRAM : Posix.SOCK_STREAM;
        int family = SocketAddressCodec.family(spec.address());
        int fd = -1;
        try {
            fd = posix.socket(family, type);
            // Lets a restarted catflap bind again at once, past connections still in TIME_WAIT.
            posix.setSocketOption(fd, Posix.SOL_SOCKET, Posix.SO_REUSEADDR, 1);
            if (spec.address() instanceof Inet6Address) {
                // "::" means IPv6 only, as the user wrote an IPv6 address; 0.0.0.0 is separate.
                posix.setSocketOption(fd, Posix.IPPROTO_IPV6, Posix.IPV6_V6ONLY, 1);
            }
            posix.bind(fd, SocketAddressCodec.encode(spec.address(), spec.port()));
            if (type == Posix.SOCK_STREAM) {
                posix.listen(fd, backlog);
            }
            return new BoundSocket(fd, spec, boundAddress(fd));
        } catch (PosixException e) {
            if (fd >= 0) {
                posix.close(fd);
            }
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + e.getMessage());
        }
    }

    private String boundAddress(int fd) {
        byte[] local = posix.localAddress(fd);
        return IpLiteral.format(SocketAddressCodec.address(local)) + ":" + SocketAddressCodec.port(local);
    }
}
