package dev.catflap.socket;

import dev.catflap.CatflapException;
import dev.catflap.posix.Descriptors;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.SocketAddressCodec;
import dev.catflap.posix.Sockets;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Creates, binds and (for streams) listens on the sockets the user asked for. */
@ApplicationScoped
public class SocketBinder {
    private final Posix posix;
    private final Sockets sockets;
    private final Descriptors descriptors;
    private final FileAccess files;

    /** Uses {@code posix}'s sockets, descriptors and files. */
    public SocketBinder(Posix posix) {
        this.posix = posix;
        this.sockets = posix.sockets();
        this.descriptors = posix.descriptors();
        this.files = posix.files();
    }

    /**
     * Binds every socket, in order. If one fails, those already bound are released again.
     *
     * @throws CatflapException naming the first spec that failed and why
     */
    public List<BoundSocket> bindAll(List<ListenSpec> specs, int backlog) {
        List<BoundSocket> bound = new ArrayList<>();
        try {
            for (ListenSpec spec : specs) {
                notTakenByAnEarlierOne(spec, bound);
                bound.add(bind(spec, backlog));
            }
            return bound;
        } catch (CatflapException e) {
            bound.forEach(this::release);
            throw e;
        }
    }

    /**
     * Two paths that are one file only once the links on the way are followed (unix:a.sock and
     * unix:lnk/a.sock with lnk -> .) pass the check of the specs' text: the second would find the
     * first one's socket listening, and be told a server has it.
     */
    private static void notTakenByAnEarlierOne(ListenSpec spec, List<BoundSocket> bound) {
        if (spec.transport() != Transport.UNIX || spec.isAbstract() || OsString.hasEscapes(spec.path())) {
            return;
        }
        for (BoundSocket earlier : bound) {
            ListenSpec other = earlier.spec();
            if (other.transport() == Transport.UNIX && !other.isAbstract() && !OsString.hasEscapes(other.path())
                    && sameFile(other.path(), spec.path())) {
                throw CatflapException.usage("cannot listen on " + spec.text() + ": the same file as " + other.text()
                        + ", which catflap has just bound");
            }
        }
    }

    private static boolean sameFile(String path, String otherPath) {
        try {
            return Files.isSameFile(Path.of(path), Path.of(otherPath));
        } catch (IOException e) {
            return false; // the second does not exist yet: it is another file
        }
    }

    /**
     * Binds one socket. It stays close-on-exec until the launcher places it.
     *
     * @throws CatflapException naming the address and the reason, e.g. "address already in use"
     */
    public BoundSocket bind(ListenSpec spec, int backlog) {
        return spec.transport() == Transport.UNIX ? bindUnix(spec, backlog) : bindIp(spec, backlog);
    }

    /** Closes a socket that will not be used after all, and removes its file if it has one. */
    public void release(BoundSocket socket) {
        closeQuietly(socket.fd());
        if (socket.spec().transport() == Transport.UNIX && !socket.spec().isAbstract()) {
            removeFile(socket.spec());
        }
    }

    private BoundSocket bindIp(ListenSpec spec, int backlog) {
        boolean stream = spec.transport() == Transport.TCP;
        Sockets.Family family = SocketAddressCodec.family(spec.address());
        int fd = -1;
        try {
            fd = sockets.socket(family, stream ? Sockets.Type.STREAM : Sockets.Type.DATAGRAM, false);
            if (stream) {
                // Lets a restarted catflap bind again at once, past connections still in TIME_WAIT.
                // Not for UDP: there it would let a second catflap share the port silently.
                sockets.enableOption(fd, Sockets.Option.REUSE_ADDRESS);
            }
            if (spec.address() instanceof Inet6Address) {
                // "::" means IPv6 only, as the user wrote an IPv6 address; 0.0.0.0 is separate.
                sockets.enableOption(fd, Sockets.Option.IPV6_ONLY);
            }
            sockets.bind(fd, SocketAddressCodec.encode(spec.address(), spec.port()));
            if (stream) {
                sockets.listen(fd, backlog);
            }
            return new BoundSocket(fd, spec, ipAddress(fd, stream));
        } catch (PosixException e) {
            closeQuietly(fd);
            String hint = e.errno() == Errno.EACCES ? " (ports below 1024 need privileges)" : "";
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + e.getMessage() + hint);
        }
    }

    private BoundSocket bindUnix(ListenSpec spec, int backlog) {
        int fd = -1;
        boolean fileCreated = false;
        try {
            fd = sockets.socket(Sockets.Family.UNIX, Sockets.Type.STREAM, false);
            bindReplacingLeftover(fd, spec, SocketAddressCodec.encodeUnix(spec.path()));
            fileCreated = !spec.isAbstract();
            sockets.listen(fd, backlog);
            return new BoundSocket(fd, spec, "unix:" + SocketAddressCodec.unixPath(sockets.localAddress(fd)));
        } catch (PosixException e) {
            closeQuietly(fd);
            if (fileCreated) {
                removeFile(spec);
            }
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + unixProblem(spec, e));
        } catch (CatflapException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    private void bindReplacingLeftover(int fd, ListenSpec spec, byte[] address) {
        try {
            sockets.bind(fd, address);
        } catch (PosixException e) {
            if (e.errno() != Errno.EADDRINUSE || spec.isAbstract()) {
                throw e;
            }
            new LeftoverSocketFile(posix, spec).removeIfStale();
            sockets.bind(fd, address);
        }
    }

    /** Binding a socket file creates it: permission denied there is about its directory. */
    private static String unixProblem(ListenSpec spec, PosixException e) {
        if (e.errno() != Errno.EACCES || spec.isAbstract()) {
            return e.getMessage();
        }
        String path = spec.path();
        int slash = path.lastIndexOf('/');
        // A name Java's file API cannot take (not UTF-8) is shown as given.
        Object directory = !OsString.hasEscapes(path) ? Path.of(path).toAbsolutePath().getParent()
                : slash < 0 ? "the working directory" : path.substring(0, Math.max(slash, 1));
        return "permission denied: this user may not create a file in " + directory;
    }

    /** Cleanup after a failure: the failure is what the user must read, not this. */
    private void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                descriptors.close(fd);
            } catch (PosixException ignored) {
                // already reported the failure that matters
            }
        }
    }

    /** Removes the file a Unix socket of catflap's own created; cleanup after a failure too. */
    private void removeFile(ListenSpec spec) {
        try {
            files.unlink(OsString.encode(spec.path()));
        } catch (PosixException ignored) {
            // already gone: nothing left behind
        }
    }

    private String ipAddress(int fd, boolean stream) {
        byte[] local = sockets.localAddress(fd);
        String address = IpLiteral.format(SocketAddressCodec.address(local)) + ":" + SocketAddressCodec.port(local);
        return stream ? address : "udp://" + address;
    }
}
