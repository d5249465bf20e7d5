package dev.catflap.config;

import dev.catflap.CatflapException;
import dev.catflap.posix.Errno;
import dev.catflap.posix.OsString;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.ProcFs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Reads settings files, and only regular files of at most {@link #LIMIT_BYTES}: a FIFO would
 * block catflap until someone wrote to it, a device or a huge file would feed it until memory
 * ran out. Anything else is refused at once (exit 2), naming the path. What a path is, is judged
 * once it is open, on what was opened, and the open itself never waits: nothing put in the
 * file's place between a check and the open can hang catflap. A file found rather than named is
 * opened as itself first (O_PATH), and only a regular file is opened for reading.
 */
final class SettingsFileReader {
    /** Far more than any settings file needs; small enough to read at once. */
    static final int LIMIT_BYTES = 1024 * 1024;
    private static final String LIMIT_TEXT = "1 MiB";
    private static final int TYPE_MASK = 0170000;
    /** What one read asks for: most settings files in one call. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final SettingsFileSystem system;

    SettingsFileReader(SettingsFileSystem system) {
        this.system = system;
    }

    /**
     * The settings in {@code path}.
     *
     * @param name the file as errors name it: its path, or the option that named it
     * @throws CatflapException exit 2 for anything but a regular file of a sane size or a file
     *     that is not properties, exit 1 for one that cannot be read
     */
    ConfigFile read(Path path, String name) {
        return ConfigFile.read(path, bytes(path, name));
    }

    /**
     * {@link #read}, for a file catflap found by itself: {@link FoundFile} opens it and {@code
     * trust} judges it, its directory and any link on the way, through descriptors, and the bytes
     * are read from the very file judged, whose access ACL is judged on the descriptor they are
     * read from. A file it doubts is not read: {@code ignore} is told why,
     * and there is none.
     */
    Optional<ConfigFile> readTrusted(Path path, String name, Trust trust, Consumer<String> ignore) {
        return readTrusted(path, OptionalInt.empty(), name, trust, ignore);
    }

    /** {@link #readTrusted(Path, String, Trust, Consumer)}, its directory {@code levelsUp} above the working directory. */
    Optional<ConfigFile> readTrusted(Path path, OptionalInt levelsUp, String name, Trust trust, Consumer<String> ignore) {
        FoundFile found;
        try {
            found = FoundFile.open(system, trust, path, name, levelsUp);
        } catch (PosixException e) {
            throw CatflapException.failure("cannot read " + name + ": " + reason(e));
        }
        if (found.doubt().isPresent()) {
            ignore.accept(found.doubt().get());
            return Optional.empty();
        }
        try {
            String kind = kind(found.status().mode() & TYPE_MASK);
            if (kind != null) {
                throw CatflapException.usage(name + ": " + (found.link().isPresent() ? "a link to " : "") + kind + ", not a regular file");
            }
            int fd = system.reopenForReading(found.fd());
            try {
                // Judged here, not on the O_PATH descriptor FoundFile opened: that one cannot read an ACL.
                Optional<String> doubt = trust.doubtAccessList(found.status(), system.namedAclEntries(fd),
                        found.link().isPresent() ? "its target" : "it");
                if (doubt.isPresent()) {
                    ignore.accept(doubt.get());
                    return Optional.empty();
                }
                return Optional.of(ConfigFile.read(path, limited(fd, name)));
            } finally {
                system.close(fd);
            }
        } catch (PosixException e) {
            throw CatflapException.failure("cannot read " + name + ": " + reason(e));
        } finally {
            system.close(found.fd());
        }
    }

    /** At most {@link #LIMIT_BYTES} from {@code fd}: a file that grows meanwhile still ends here. */
    private byte[] limited(int fd, String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK_BYTES];
        int count;
        while (bytes.size() <= LIMIT_BYTES && (count = system.read(fd, buffer)) > 0) {
            bytes.write(buffer, 0, count);
        }
        if (bytes.size() > LIMIT_BYTES) {
            throw tooLarge(name);
        }
        return bytes.toByteArray();
    }

    /** The bytes of a file named on purpose (--config): any regular file of a sane size. */
    private byte[] bytes(Path path, String name) {
        int fd = open(path, name);
        try {
            // The kernel's link to what this process opened: it never names another file.
            Path opened = ProcFs.system().openedFile(fd);
            checkRegularAndSane(Files.readAttributes(opened, "unix:mode,size"), Files.isSymbolicLink(path), name);
            try (InputStream in = Files.newInputStream(opened)) {
                byte[] bytes = in.readNBytes(LIMIT_BYTES + 1); // a file that grows meanwhile still ends here
                if (bytes.length > LIMIT_BYTES) {
                    throw tooLarge(name);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw CatflapException.failure("cannot read " + name + ": " + ConfigFile.reason(e));
        } finally {
            system.close(fd);
        }
    }

    private int open(Path path, String name) {
        try {
            return system.openWithoutBlocking(path.toString().getBytes(OsString.javaCharset()));
        } catch (PosixException e) {
            if (e.errno() == Errno.ENXIO) {
                // A socket file cannot be opened at all: refuse it for what it is.
                checkRegularAndSane(attributes(path, name), Files.isSymbolicLink(path), name);
            }
            throw CatflapException.failure("cannot read " + name + ": " + reason(e));
        }
    }

    private static Map<String, Object> attributes(Path path, String name) {
        try {
            return Files.readAttributes(path, "unix:mode,size");
        } catch (IOException e) {
            throw CatflapException.failure("cannot read " + name + ": " + ConfigFile.reason(e));
        }
    }

    private static void checkRegularAndSane(Map<String, Object> attributes, boolean link, String name) {
        String kind = kind((Integer) attributes.get("mode") & TYPE_MASK);
        if (kind != null) {
            throw CatflapException.usage(name + ": " + (link ? "a link to " : "") + kind + ", not a regular file");
        }
        if ((Long) attributes.get("size") > LIMIT_BYTES) {
            throw tooLarge(name);
        }
    }

    /** What a file of this type is, in words; null for a regular file. */
    private static String kind(int type) {
        return switch (type) {
            case 0100000 -> null;
            case 0040000 -> "a directory";
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> "a file of an unknown type";
        };
    }

    private static CatflapException tooLarge(String name) {
        return CatflapException.usage(name + ": larger than " + LIMIT_TEXT + ", too large for a settings file");
    }

    private static String reason(PosixException e) {
        return switch (e.errno()) {
            case Errno.ENOENT -> "no such file";
            case Errno.EACCES -> "permission denied";
            default -> e.getMessage();
        };
    }
}
