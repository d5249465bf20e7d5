package dev.catflap.units;

import dev.catflap.CatflapException;
import dev.catflap.posix.AclEntry;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.OsString;
import dev.catflap.posix.PosixException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The directory the units are written in, open, and judged on what is open. systemd runs what a
 * linked unit says each time it loads it, and {@code systemctl link} keeps the path it was given:
 * whoever can change that directory, or any directory on the way to it, chooses what the user's
 * service runs. So the path is resolved once (its links followed) and walked again from / one
 * directory at a time without following any link; each must belong to the user or root, and
 * each above the unit directory must be writable by nobody else, unless sticky (where others
 * cannot rename what is not theirs). The unit directory itself must be writable by nobody but its
 * owner, sticky or not (a group that is the user's alone aside, see {@link PrivateGroup}; a user
 * or group its ACL lets write counts as such another): then
 * nobody else can swap the files catflap writes, plant a unit's name between its check and its
 * rename, or replace a unit afterwards. The resolved path is the one printed and linked.
 *
 * @param path the real path, which the units' install line names
 * @param fd the directory, open (O_PATH): every file in it is reached through it
 */
record UnitDirectory(Path path, int fd) {
    private static final int ROOT = 0;
    private static final int WRITABLE_BY_GROUP = 0020;
    private static final int WRITABLE_BY_OTHERS = 0002;
    private static final int STICKY = 01000;
    private static final String CONSEQUENCE = ", so another user could change what the units you link from it run: "
            + "write them in a directory that only you can write to";

    /**
     * @param given the directory as the settings name it, absolute
     * @param origin where it came from, for the messages: "--unit-dir DIR"
     * @param user the effective uid
     * @throws CatflapException (exit 2) for no directory, or one another user could change
     */
    static UnitDirectory open(Path given, String origin, int user, FileAccess files, IntConsumer close) {
        Path real = realPath(given, origin);
        Walk walk = new Walk(real, origin, user, files, close);
        return new UnitDirectory(real, walk.open());
    }

    private static Path realPath(Path given, String origin) {
        try {
            Path real = given.toRealPath();
            if (!Files.isDirectory(real)) {
                throw CatflapException.usage(origin + ": not a directory");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw CatflapException.usage(origin + ": no such directory");
        } catch (AccessDeniedException e) {
            throw CatflapException.usage(origin + ": cannot be resolved: permission denied");
        } catch (IOException e) {
            throw CatflapException.usage(origin + ": cannot be resolved: " + e.getMessage());
        }
    }

    /** One walk from / down the real path, each directory opened in the one above it. */
    private static final class Walk {
        private final Path real;
        private final String origin;
        private final int user;
        private final FileAccess files;
        private final IntConsumer close;

        Walk(Path real, String origin, int user, FileAccess files, IntConsumer close) {
            this.real = real;
            this.origin = origin;
            this.user = user;
            this.files = files;
            this.close = close;
        }

        int open() {
            Path current = real.getRoot();
            int fd = opened(FileAccess.WORKING_DIRECTORY, current);
            try {
                FileStatus status = files.status(fd);
                judgeOwner(fd, status, current);
                for (Path name : real) {
                    Path next = current.resolve(name);
                    int child = opened(fd, next);
                    FileStatus above = status;
                    Optional<String> writers = othersMayWrite(above, fd, current);
                    close.accept(fd);
                    fd = child;
                    status = files.status(fd);
                    judgeOwner(fd, status, next);
                    if (writers.isPresent() && (above.permissions() & STICKY) == 0) {
                        throw refused(writers.get() + " may write to " + at(current) + ", which is not sticky, and rename "
                                + next.getFileName() + " away");
                    }
                    current = next;
                }
                othersMayWrite(status, fd, real).ifPresent(who -> {
                    throw refused(who + " may write to " + at(real));
                });
                return fd;
            } catch (RuntimeException e) {
                close.accept(fd);
                throw e;
            }
        }

        /** {@code path}'s last name opened in {@code directory}; a link found now means the path changed since it was resolved. */
        private int opened(int directory, Path path) {
            Path name = path.getFileName() == null ? path : path.getFileName();
            try {
                return files.openDirectory(directory, name.toString().getBytes(OsString.javaCharset()));
            } catch (PosixException e) {
                if (e.errno() == Errno.ELOOP || e.errno() == Errno.ENOTDIR || e.errno() == Errno.ENOENT) {
                    throw CatflapException.usage(origin + ": " + path + " changed while catflap was reading it; try again");
                }
                throw CatflapException.usage(origin + ": cannot open " + path + ": " + e.getMessage());
            }
        }

        private void judgeOwner(int fd, FileStatus status, Path path) {
            if (status.uid() != user && status.uid() != ROOT) {
                throw refused(at(path) + " belongs to " + owner(fd, status) + ", not to you or root");
            }
        }

        /** Who besides the owner may write to the directory, if anyone: every user, a group's members, or a user or group its ACL names. */
        private Optional<String> othersMayWrite(FileStatus status, int fd, Path path) {
            if ((status.permissions() & WRITABLE_BY_OTHERS) != 0) {
                return Optional.of("every user");
            }
            if ((status.permissions() & WRITABLE_BY_GROUP) == 0) {
                return Optional.empty(); // with an ACL these bits are its mask, which no entry's write gets past
            }
            Optional<AclEntry> named = aclWriter(fd, path);
            if (named.isPresent()) {
                return Optional.of(named.get() + " (by its access control list)");
            }
            if (!PrivateGroup.isOnlyMember(status.gid(), user)) {
                return Optional.of("the members of group " + group(fd, status));
            }
            return Optional.empty();
        }

        /**
         * A user or group besides the user (and root) that the directory's ACL lets write: a
         * project's default ACL (setfacl -d -m g:team:rwx) gives one to every directory made in
         * it, whose owning group may still be the user's private group.
         */
        private Optional<AclEntry> aclWriter(int fd, Path path) {
            try {
                return files.namedAclEntries(fd).stream().filter(AclEntry::mayWrite).filter(entry -> !isTheUsers(entry)).findFirst();
            } catch (PosixException e) {
                throw CatflapException.usage(origin + ": cannot read the access control list of " + path + ": " + e.getMessage());
            }
        }

        private boolean isTheUsers(AclEntry entry) {
            if (entry.user()) {
                return entry.id() == user || entry.id() == ROOT;
            }
            return PrivateGroup.isOnlyMember(entry.id(), user);
        }

        /** The unit directory as "it" (named already by the origin, unless it was reached through a link), another as itself. */
        private String at(Path path) {
            if (!path.equals(real)) {
                return path.toString();
            }
            return origin.endsWith(" " + real) ? "it" : "it (" + real + ")";
        }

        private CatflapException refused(String why) {
            return CatflapException.usage(origin + ": " + why + CONSEQUENCE);
        }

        /** The owner's name, read through the open directory; its uid where it has no name. */
        private static String owner(int fd, FileStatus status) {
            try {
                return "user " + Files.getOwner(Path.of("/proc/self/fd/" + fd)).getName();
            } catch (IOException | RuntimeException e) {
                return "uid " + status.uid();
            }
        }

        private static String group(int fd, FileStatus status) {
            try {
                return Files.readAttributes(Path.of("/proc/self/fd/" + fd), PosixFileAttributes.class).group().getName();
            } catch (IOException | RuntimeException e) {
                return Integer.toString(status.gid());
            }
        }
    }
}
