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
import java.util.Optional;

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
        Optional<String> file = nameableFile(spec);
        if (file.isEmpty()) {
            return;
        }
        for (BoundSocket earlier : bound) {
            ListenSpec other = earlier.spec();
            if (nameableFile(other).filter(otherFile -> sameFile(otherFile, file.get())).isPresent()) {
                throw CatflapException.usage("cannot listen on " + spec.text() + ": the same file as " + other.text()
                        + ", which catflap has just bound");
            }
        }
    }

    /** The spec's socket file, where Java's file API can name it (it is UTF-8). */
    private static Optional<String> nameableFile(ListenSpec spec) {
        return spec.socketFile().filter(path -> !OsString.hasEscapes(path));
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
        return spec.match(
                tcp -> bindIp(tcp, backlog, ""),
                udp -> bindIp(udp, backlog, ListenSpec.UDP_SCHEME),
                unix -> bindUnix(unix, backlog));
    }

    /** Closes a socket that will not be used after all, and removes its file if it has one. */
    public void release(BoundSocket socket) {
        closeQuietly(socket.fd());
        socket.spec().socketFile().ifPresent(this::removeFile);
    }

    /** {@code scheme} begins the address the listening line shows: none for TCP, the default. */
    private BoundSocket bindIp(IpSpec spec, int backlog, String scheme) {
        boolean stream = spec.type() == SocketType.STREAM;
        Sockets.Family family = SocketAddressCodec.family(spec.address());
        int fd = -1;
        try {
            fd = sockets.socket(family, socketType(spec), false);
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
            return new BoundSocket(fd, spec, scheme + ipAddress(fd));
        } catch (PosixException e) {
            closeQuietly(fd);
            String hint = e.errno() == Errno.EACCES ? " (ports below 1024 need privileges)" : "";
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + e.getMessage() + hint);
        }
    }

    private static Sockets.Type socketType(ListenSpec spec) {
        return switch (spec.type()) {
            case STREAM -> Sockets.Type.STREAM;
            case DATAGRAM -> Sockets.Type.DATAGRAM;
        };
    }

    private BoundSocket bindUnix(UnixSpec spec, int backlog) {
        int fd = -1;
        boolean fileCreated = false;
        try {
            fd = sockets.socket(Sockets.Family.UNIX, socketType(spec), false);
            bindReplacingLeftover(fd, spec, SocketAddressCodec.encodeUnix(spec.path()));
            fileCreated = spec.socketFile().isPresent();
            sockets.listen(fd, backlog);
            return new BoundSocket(fd, spec, ListenSpec.UNIX_SCHEME + SocketAddressCodec.unixPath(sockets.localAddress(fd)));
        } catch (PosixException e) {
            closeQuietly(fd);
            if (fileCreated) {
                removeFile(spec.path());
            }
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + unixProblem(spec, e));
        } catch (CatflapException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    private void bindReplacingLeftover(int fd, UnixSpec spec, byte[] address) {
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
    private static String unixProblem(UnixSpec spec, PosixException e) {
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
    private void removeFile(String path) {
        try {
            files.unlink(OsString.encode(path));
        } catch (PosixException ignored) {
            // already gone: nothing left behind
        }
    }

    private String ipAddress(int fd) {
        byte[] local = sockets.localAddress(fd);
        return IpLiteral.format(SocketAddressCodec.address(local)) + ":" + SocketAddressCodec.port(local);
    }
}
