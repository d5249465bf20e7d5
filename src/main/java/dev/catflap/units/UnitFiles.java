package dev.catflap.units;

import dev.catflap.CatflapException;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.PosixException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Writes the two units into a directory, both or neither: a .service without its .socket (or
 * one from other settings) would start a server with no socket. Each is written to a new
 * temporary file first and renamed over its name only once both are complete. A file of that
 * name that catflap generated is replaced, so that generating again after a change of settings
 * updates the units; any other is the user's own and stops catflap.
 *
 * <p>Everything goes through the open directory ({@link UnitDirectory}) and the descriptor of
 * each file: the temporary file is created new (never an existing entry, never through a link),
 * written and given its permissions through the descriptor that created it, and renamed within
 * the same open directory. No name is opened twice, and no link is followed.
 */
final class UnitFiles {
    private static final String TEMPORARY_PREFIX = ".catflap-unit.";
    private static final int PRIVATE = 0600;
    /** Readable by all, as systemd's own units are. */
    private static final int UNIT_MODE = 0644;
    private static final int MARK_BYTES = 256;

    private final UnitDirectory directory;
    private final int user;
    private final FileAccess files;
    private final IntConsumer close;

    /**
     * @param user the effective uid, whose files catflap may replace
     * @param close closes a descriptor
     */
    UnitFiles(UnitDirectory directory, int user, FileAccess files, IntConsumer close) {
        this.directory = directory;
        this.user = user;
        this.files = files;
        this.close = close;
    }

    /**
     * @param units the units' texts by file name, written in this order
     * @throws CatflapException (exit 2) for a file catflap did not generate, or another user's,
     *     in the way; (exit 1) where writing fails, nothing then being left behind
     */
    void write(Map<String, String> units) {
        Map<String, Temporary> written = new LinkedHashMap<>();
        try {
            // in the try too: a directory the user may not search (0600) fails here, at the first look in it
            for (String name : units.keySet()) {
                notTheUsersOwn(name);
            }
            for (Map.Entry<String, String> unit : units.entrySet()) {
                written.put(unit.getKey(), temporary(unit.getValue()));
            }
            // No other user can make an entry in the directory (UnitDirectory), so neither rename
            // can meet a name planted after its check.
            for (Map.Entry<String, Temporary> unit : written.entrySet()) {
                files.renameAt(directory.fd(), bytes(unit.getValue().name()), bytes(unit.getKey()));
            }
        } catch (PosixException e) {
            written.values().forEach(temporary -> removeQuietly(temporary.name()));
            throw CatflapException.failure("cannot write the units in " + directory.path() + ": " + e.getMessage());
        }
        List<String> replaced = new ArrayList<>();
        written.forEach((name, temporary) -> {
            if (!stillTheOneWritten(name, temporary)) {
                replaced.add(name);
            }
        });
        if (!replaced.isEmpty()) {
            throw CatflapException.failure("cannot write the units in " + directory.path() + ": " + String.join(" and ", replaced)
                    + " changed while catflap wrote " + (replaced.size() == 1 ? "it" : "them") + ", so someone else can "
                    + "write to the directory; removed");
        }
    }

    /**
     * A last check, for a directory where someone could still write after all (a member of the
     * user's private group that the group files do not list, a root process): what now has the
     * unit's name must be the file catflap created. Anything else is removed rather than left
     * for systemd to follow.
     */
    private boolean stillTheOneWritten(String name, Temporary temporary) {
        Optional<FileStatus> now = files.statusAt(directory.fd(), bytes(name));
        if (now.isPresent() && now.get().sameFile(temporary.status())) {
            return true;
        }
        removeQuietly(name);
        return false;
    }

    /** A temporary file as created: its name, and which file it is. */
    private record Temporary(String name, FileStatus status) {
    }

    /**
     * A file there that does not start with catflap's mark is the user's: never overwritten. One
     * of another user's is judged by its owner before it is read. It is judged on what is open,
     * as it was found: a link or a FIFO put there is never followed or waited on.
     */
    private void notTheUsersOwn(String name) {
        Optional<FileStatus> entry = files.statusAt(directory.fd(), bytes(name));
        if (entry.isEmpty()) {
            return;
        }
        if (!entry.get().isRegularFile()) {
            throw notGenerated(name);
        }
        if (entry.get().uid() != user) {
            throw CatflapException.usage(file(name) + " exists and belongs to " + owner(name) + ", not to you: move it "
                    + "away, or write the units elsewhere (--unit-dir)");
        }
        if (!startsWithMark(name, entry.get())) {
            throw notGenerated(name);
        }
    }

    private CatflapException notGenerated(String name) {
        return CatflapException.usage(file(name) + " exists and catflap did not generate it: move it away, or write "
                + "the units elsewhere (--unit-dir)");
    }

    private String owner(String name) {
        try {
            return "user " + Files.getOwner(directory.path().resolve(name), LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | RuntimeException e) {
            return "another user";
        }
    }

    private boolean startsWithMark(String name, FileStatus found) {
        int fd;
        try {
            fd = files.openForReadingAt(directory.fd(), bytes(name));
        } catch (PosixException e) {
            return false;
        }
        try {
            if (!files.status(fd).sameFile(found)) {
                return false;
            }
            byte[] mark = UnitHeader.MARK.getBytes(StandardCharsets.UTF_8);
            byte[] start = new byte[MARK_BYTES];
            int length = 0;
            while (length < mark.length) {
                byte[] chunk = new byte[MARK_BYTES - length];
                int count = files.read(fd, chunk);
                if (count == 0) {
                    break;
                }
                System.arraycopy(chunk, 0, start, length, count);
                length += count;
            }
            return length >= mark.length && Arrays.equals(start, 0, mark.length, mark, 0, mark.length);
        } catch (PosixException e) {
            return false;
        } finally {
            close.accept(fd);
        }
    }

    /**
     * A new hidden file beside the unit, written and made readable by all through the descriptor
     * that created it. Its name holds not the unit's, which may already take the 255 bytes a
     * file name can have.
     */
    private Temporary temporary(String text) {
        String name = newName();
        int fd;
        try {
            fd = files.createNew(directory.fd(), bytes(name), PRIVATE);
        } catch (PosixException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
            // a leftover of the same random name: another one
            name = newName();
            fd = files.createNew(directory.fd(), bytes(name), PRIVATE);
        }
        try {
            files.write(fd, text.getBytes(StandardCharsets.UTF_8));
            files.changeMode(fd, UNIT_MODE);
            return new Temporary(name, files.status(fd));
        } catch (PosixException e) {
            removeQuietly(name);
            throw e;
        } finally {
            close.accept(fd);
        }
    }

    /** Random only to step around a leftover: nobody else can make entries in the directory. */
    private static String newName() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return TEMPORARY_PREFIX + HexFormat.of().formatHex(random) + ".tmp";
    }

    private void removeQuietly(String name) {
        try {
            files.unlinkAt(directory.fd(), bytes(name));
        } catch (PosixException e) {
            // best effort (renamed already, or gone): the message about the first failure matters more
        }
    }

    private String file(String name) {
        return directory.path().resolve(name).toString();
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
