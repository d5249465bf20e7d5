package dev.catflap.units;

import dev.catflap.CatflapException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the two units into a directory, both or neither: a .service without its .socket (or
 * one from other settings) would start a server with no socket. Each is written to a temporary
 * file first and renamed over its name only once both are complete. A file of that name that
 * catflap generated is replaced, so that generating again after a change of settings updates the
 * units; any other is the user's own and stops catflap.
 */
final class UnitFiles {
    private static final int ROOT = 0;
    private static final int WRITABLE_BY_OTHERS = 0002;
    private static final int STICKY = 01000;

    private UnitFiles() {
    }

    /**
     * @param directory where to write, an existing directory
     * @param files the units' texts by file name, written in this order
     * @param user the effective uid, whose files catflap may replace
     * @throws CatflapException (exit 2) for a directory that is none or that others may change,
     *     or a file catflap did not generate, or another user's, in the way; (exit 1) where
     *     writing fails, nothing then being left behind
     */
    static void write(Path directory, String origin, Map<String, String> files, int user) {
        if (!Files.isDirectory(directory)) {
            throw CatflapException.usage(origin + ": " + (Files.exists(directory) ? "not a directory" : "no such directory"));
        }
        othersMayReplace(directory, user).ifPresent(why -> {
            throw CatflapException.usage(origin + ": " + why + ", so another user could replace the units you link "
                    + "from it: write them in a directory of yours");
        });
        for (String name : files.keySet()) {
            notTheUsersOwn(directory.resolve(name), user);
        }
        Map<Path, Path> written = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                written.put(temporary(directory, file.getValue()), directory.resolve(file.getKey()));
            }
            for (Map.Entry<Path, Path> file : written.entrySet()) {
                move(file.getKey(), file.getValue());
            }
        } catch (IOException e) {
            removeAll(new ArrayList<>(written.keySet()));
            throw CatflapException.failure("cannot write the units in " + directory + ": " + reason(e));
        }
    }

    /**
     * Why another user could replace a file in {@code directory} after catflap wrote it: systemd
     * runs what the linked unit says when it starts. A directory of the user's or root's is safe,
     * a group's one too (as for settings files), and one every user may write to only where it is
     * sticky, as /tmp is, where nobody can rename over another's file.
     */
    private static Optional<String> othersMayReplace(Path directory, int user) {
        try {
            int owner = (Integer) Files.getAttribute(directory, "unix:uid");
            if (owner != user && owner != ROOT) {
                return Optional.of("it belongs to user " + Files.getOwner(directory).getName() + ", not to you or root");
            }
            int mode = (Integer) Files.getAttribute(directory, "unix:mode");
            if ((mode & WRITABLE_BY_OTHERS) != 0 && (mode & STICKY) == 0) {
                return Optional.of("every user may write to it, and it is not sticky");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // writing the units then fails, naming why
        }
    }

    /**
     * A file there that does not start with catflap's mark is the user's: never overwritten. One
     * of another user's is judged by its owner before it is read: in a sticky directory nobody
     * else can swap the user's own file for a FIFO or a link once it is seen to be theirs.
     */
    private static void notTheUsersOwn(Path file, int user) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw notGenerated(file);
        }
        Optional<String> owner = otherOwner(file, user);
        if (owner.isPresent()) {
            throw CatflapException.usage(file + " exists and belongs to " + owner.get() + ", not to you: move it "
                    + "away, or write the units elsewhere (--unit-dir)");
        }
        if (!startsWithMark(file)) {
            throw notGenerated(file);
        }
    }

    private static CatflapException notGenerated(Path file) {
        return CatflapException.usage(file + " exists and catflap did not generate it: move it away, or write "
                + "the units elsewhere (--unit-dir)");
    }

    /** The name of the file's owner where that is not {@code user}; a file gone meanwhile counts as another's. */
    private static Optional<String> otherOwner(Path file, int user) {
        try {
            if ((Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) == user) {
                return Optional.empty();
            }
            return Optional.of("user " + Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName());
        } catch (IOException e) {
            return Optional.of("another user");
        }
    }

    private static boolean startsWithMark(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String first = reader.readLine();
            return first != null && first.startsWith(UnitHeader.MARK);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A hidden file beside the unit, readable by all as systemd's own units are. Its name holds
     * not the unit's, which may already take the 255 bytes a file name can have.
     */
    private static Path temporary(Path directory, String text) throws IOException {
        Path file = Files.createTempFile(directory, ".catflap-unit.", ".tmp");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void removeAll(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: the message about the first failure matters more
            }
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e instanceof AccessDeniedException ? "permission denied"
                : message == null ? e.getClass().getSimpleName() : message;
    }
}
