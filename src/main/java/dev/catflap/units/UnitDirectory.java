package dev.catflap.units;

import dev.catflap.CatflapException;
import dev.catflap.posix.AclEntry;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.OsString;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.PrivateGroup;
import dev.catflap.posix.ProcFs;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.StreamSupport;

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
 * <p>A missing directory inside the project ({@code catflap.unit-dir=deploy}, which a fresh clone
 * lacks, as git keeps no empty directory) is made on the way, each one in the directory open
 * above it (mkdirat, which follows no link) with mode 0755 less the umask, and judged as an
 * existing one would be; one outside the project is refused, as a mistyped path is likelier
 * there than a wish for a new directory. What was made is removed again on any error.
 *
 * @param path the real path, which the units' install line names
 * @param fd the directory, open (O_PATH): every file in it is reached through it
 * @param created the directories made on the way, each with the directory above it (open until {@link #close})
 */
record UnitDirectory(Path path, int fd, List<Created> created) {
    private static final int ROOT = 0;
    private static final int WRITABLE_BY_GROUP = 0020;
    private static final int WRITABLE_BY_OTHERS = 0002;
    private static final int STICKY = 01000;
    /** As mkdir makes them: readable by all (systemd reads the units), writable by the owner alone. */
    private static final int NEW_DIRECTORY_MODE = 0755;
    private static final Path DOT = Path.of(".");
    private static final Path UP = Path.of("..");
    private static final String CONSEQUENCE = ", so another user could change what the units you link from it run: "
            + "write them in a directory that only you can write to";

    /** A directory catflap made: its name in the directory above, open at {@code parent}. */
    record Created(int parent, String name) {
    }

    /**
     * @param given the directory as the settings name it, absolute
     * @param origin where it came from, for the messages: "--unit-dir DIR"
     * @param project the project file's directory, inside which a missing directory is made
     * @param user the effective uid
     * @throws CatflapException (exit 2) for no directory (outside the project), or one another
     *     user could change
     */
    static UnitDirectory open(Path given, String origin, Optional<Path> project, int user, FileAccess files,
            IntConsumer close) {
        Target target = target(given, origin, project);
        Walk walk = new Walk(target.path(), target.missing(), origin, user, files, close);
        return walk.open();
    }

    /** Removes the directories made on the way, the deepest first: nothing half-done stays after an error. */
    void removeCreated(FileAccess files) {
        removeAll(created, files);
    }

    /** Closes the directory and those kept open above the ones made. */
    void close(IntConsumer close) {
        close.accept(fd);
        created.forEach(made -> close.accept(made.parent()));
    }

    private static void removeAll(List<Created> created, FileAccess files) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                files.removeDirectoryAt(created.get(i).parent(), created.get(i).name().getBytes(OsString.javaCharset()));
            } catch (PosixException e) {
                // best effort: the message about the first failure matters more
            }
        }
    }

    /**
     * The real path of the unit directory, and how many of its last names are still to be made.
     *
     * @param missing 0 where it exists
     */
    private record Target(Path path, int missing) {
    }

    private static Target target(Path given, String origin, Optional<Path> project) {
        try {
            return new Target(realDirectory(given, origin), 0);
        } catch (NoSuchFileException e) {
            return missing(given, origin, project);
        }
    }

    /**
     * Where a missing directory would be: the real path of the deepest part that exists, then
     * the names below it, all to be made. Made only inside the project, and never where a name
     * still to be made is {@code .} or {@code ..}, whose meaning depends on what is not there yet
     * ({@code nd1/../nd2}); above the first missing one they are resolved as in any existing path
     * ({@code ../deploy}, {@code ./deploy} from a subdirectory).
     */
    private static Target missing(Path given, String origin, Optional<Path> project) {
        Path existing = given;
        int missing = 0;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
            missing++;
        }
        Path base;
        try {
            base = realDirectory(existing, origin);
        } catch (NoSuchFileException e) {
            throw CatflapException.usage(origin + ": no such directory: " + existing + " is a link to nothing");
        }
        if (missing == 0) {
            throw CatflapException.usage(origin + ": " + given + " changed while catflap was reading it; try again");
        }
        Path below = given.subpath(given.getNameCount() - missing, given.getNameCount());
        Path target = base.resolve(below);
        Optional<Path> inside = project.flatMap(UnitDirectory::realOrNone).filter(target::startsWith);
        boolean plain = StreamSupport.stream(below.spliterator(), false).noneMatch(name -> name.equals(DOT) || name.equals(UP));
        if (inside.isPresent() && !plain) {
            // inside the project: the rule broken is the dots, which the message names
            throw CatflapException.usage(origin + ": no such directory " + base.resolve(below.getName(0)) + "; catflap makes "
                    + "no missing directory through . or .. (" + below + " is still to be made, and what .. leaves depends on "
                    + "what is not there yet): name it without them, or make it");
        }
        if (inside.isEmpty()) {
            String where = project.map(directory -> " (" + directory + ")").orElse(", and no project file was found");
            throw CatflapException.usage(origin + ": no such directory " + given.normalize() + "; catflap makes a missing "
                    + "unit directory only inside the project" + where + ": make it, or choose another");
        }
        return new Target(target, missing);
    }

    private static Optional<Path> realOrNone(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path realDirectory(Path given, String origin) throws NoSuchFileException {
        try {
            Path real = given.toRealPath();
            if (!Files.isDirectory(real)) {
                throw CatflapException.usage(origin + ": not a directory");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw CatflapException.usage(origin + ": cannot be resolved: permission denied");
        } catch (IOException e) {
            throw CatflapException.usage(origin + ": cannot be resolved: " + e.getMessage());
        }
    }

    /** One walk from / down the real path, each directory opened in the one above it. */
    private static final class Walk {
        private final Path real;
        private final int missing;
        private final String origin;
        private final int user;
        private final FileAccess files;
        private final IntConsumer close;
        private final List<Created> created = new ArrayList<>();

        /** @param missing how many of the real path's last names are still to be made */
        Walk(Path real, int missing, String origin, int user, FileAccess files, IntConsumer close) {
            this.real = real;
            this.missing = missing;
            this.origin = origin;
            this.user = user;
            this.files = files;
            this.close = close;
        }

        UnitDirectory open() {
            Path current = real.getRoot();
            int fd = opened(FileAccess.WORKING_DIRECTORY, current);
            int existing = real.getNameCount() - missing;
            try {
                FileStatus status = files.status(fd);
                judgeOwner(fd, status, current);
                int index = 0;
                for (Path name : real) {
                    Path next = current.resolve(name);
                    FileStatus above = status;
                    Optional<String> writers = othersMayWrite(above, fd, current);
                    boolean make = index++ >= existing;
                    if (make) {
                        judgeParent(writers, above, current, next);
                        made(fd, next);
                    }
                    int child = opened(fd, next);
                    if (!make) {
                        close.accept(fd); // one above a directory made stays open, to remove it again on error
                    }
                    fd = child;
                    status = files.status(fd);
                    judgeOwner(fd, status, next);
                    judgeParent(writers, above, current, next);
                    current = next;
                }
                othersMayWrite(status, fd, real).ifPresent(who -> {
                    throw refused(who + " may write to " + at(real));
                });
                return new UnitDirectory(real, fd, List.copyOf(created));
            } catch (RuntimeException e) {
                int last = fd;
                if (created.stream().noneMatch(made -> made.parent() == last)) {
                    close.accept(last);
                }
                removeAll(created, files);
                created.forEach(made -> close.accept(made.parent()));
                throw e;
            }
        }

        /** Others who may write to a directory that is not sticky may rename what is in it away. */
        private void judgeParent(Optional<String> writers, FileStatus above, Path current, Path next) {
            if (writers.isPresent() && (above.permissions() & STICKY) == 0) {
                throw refused(writers.get() + " may write to " + at(current) + ", which is not sticky, and rename "
                        + next.getFileName() + " away");
            }
        }

        /** Makes {@code path}'s last name in {@code directory}, and keeps it to remove again on error. */
        private void made(int directory, Path path) {
            try {
                files.makeDirectoryAt(directory, path.getFileName().toString().getBytes(OsString.javaCharset()), NEW_DIRECTORY_MODE);
            } catch (PosixException e) {
                if (e.errno() == Errno.EEXIST) {
                    throw CatflapException.usage(origin + ": " + path + " appeared while catflap was making it; try again");
                }
                throw CatflapException.failure(origin + ": cannot make the directory " + path + ": " + e.getMessage());
            }
            created.add(new Created(directory, path.getFileName().toString()));
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
                return "user " + Files.getOwner(ProcFs.system().openedFile(fd)).getName();
            } catch (IOException | RuntimeException e) {
                return "uid " + status.uid();
            }
        }

        private static String group(int fd, FileStatus status) {
            try {
                return Files.readAttributes(ProcFs.system().openedFile(fd), PosixFileAttributes.class).group().getName();
            } catch (IOException | RuntimeException e) {
                return Integer.toString(status.gid());
            }
        }
    }
}
