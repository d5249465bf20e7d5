package dev.catflap.socket;

import dev.catflap.CatflapException;
import dev.catflap.posix.Errno;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.SocketAddressCodec;
import dev.catflap.posix.Sockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A file already at the path where a Unix socket is to be bound. A server that ends leaves its
 * socket file behind, and binding there fails until it is removed; so catflap removes it, but only
 * when it is a socket and nothing listens on it any more. Anything else is left alone.
 */
final class LeftoverSocketFile {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Posix posix;
    private final UnixSpec spec;

    LeftoverSocketFile(Posix posix, UnixSpec spec) {
        this.posix = posix;
        this.spec = spec;
    }

    /**
     * Removes the file if it is a stale socket.
     *
     * @throws CatflapException if it is not a socket, or a server still listens on it
     */
    void removeIfStale() {
        if (OsString.hasEscapes(spec.path())) {
            // Java's file API cannot look at a name that is not UTF-8, and replacing a file
            // catflap could not look at is not catflap's to do.
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + spec.path()
                    + " exists (catflap replaces only a stale socket it can check, and cannot check a name that is not UTF-8)");
        }
        if (!isSocket()) {
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + spec.path()
                    + " exists and is not a socket (catflap leaves it alone)");
        }
        if (someoneListens()) {
            throw CatflapException.failure("cannot listen on " + spec.text() + ": address already in use (a server is listening on it)");
        }
        try {
            posix.files().unlink(OsString.encode(spec.path()));
        } catch (PosixException e) {
            if (e.errno() != Errno.EPERM && e.errno() != Errno.EACCES) {
                throw e;
            }
            throw CatflapException.failure("cannot listen on " + spec.text() + ": " + spec.path() + " is a stale socket file of "
                    + owner() + " that this user may not remove (remove it as its owner, or listen elsewhere)");
        }
    }

    /** The name of the file's owner, who can remove it when catflap cannot. */
    private String owner() {
        try {
            return Files.getOwner(Path.of(spec.path()), LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "another user";
        }
    }

    /** The file itself, not what a symbolic link points to: a link is never replaced. */
    private boolean isSocket() {
        try {
            int mode = (Integer) Files.getAttribute(Path.of(spec.path()), "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Connects to it: a stale socket refuses at once. The connect does not wait, so that a live
     * server whose backlog is full (EAGAIN) cannot hang catflap.
     */
    private boolean someoneListens() {
        int probe = posix.sockets().socket(Sockets.Family.UNIX, Sockets.Type.STREAM, true);
        try {
            posix.sockets().connect(probe, SocketAddressCodec.encodeUnix(spec.path()));
            return true;
        } catch (PosixException e) {
            if (e.errno() == Errno.ECONNREFUSED) {
                return false;
            }
            if (e.errno() == Errno.EAGAIN) {
                return true;
            }
            if (e.errno() == Errno.EACCES) {
                // connecting needs write permission on the socket file, which its owner may keep
                throw CatflapException.failure("cannot listen on " + spec.text() + ": " + spec.path() + " is a socket file of "
                        + owner() + " that this user may not connect to, so catflap cannot tell whether a server still"
                        + " listens on it (remove it as its owner, or listen elsewhere)");
            }
            throw CatflapException.failure("cannot listen on " + spec.text() + ": cannot tell whether a server still listens on it: "
                    + e.getMessage());
        } finally {
            posix.descriptors().close(probe);
        }
    }
}
