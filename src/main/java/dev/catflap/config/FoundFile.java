package dev.catflap.config;

import dev.catflap.CatflapException;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.OsString;
import dev.catflap.posix.PosixException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A settings file catflap found by itself, opened and judged by {@link Trust} through descriptors
 * alone, never by its name twice: its directory is opened and judged, then the entry is opened in
 * that directory as itself (O_PATH, O_NOFOLLOW) and judged. A link is judged as the link it is
 * (its own owner), its target read from that very link, and the target then reached the same way,
 * its directory and itself judged. What is read is the file that was judged: another user who can
 * rename entries in a group's directory can swap the name meanwhile, but never what was opened.
 * The directory of a file the project file's search found is not reached by its name either, which
 * would follow a link put in place of any directory on its path: it is reached from the working
 * directory itself, ".", through "..", as many levels up as the search went.
 *
 * @param fd the file's O_PATH descriptor, which the caller closes; -1 where it is doubted
 * @param status what it is
 * @param link the link the name was, and its target's path, where it was one
 * @param doubt why it must not be obeyed, or empty
 */
record FoundFile(int fd, FileStatus status, Optional<String> link, Optional<String> doubt) {
    /** As many links as any sane checkout chains; the kernel's own limit is 40. */
    static final int MAX_LINKS = 8;

    /**
     * Opens and judges {@code path}.
     *
     * @param name the file as errors name it
     * @throws CatflapException exit 1 where it cannot be reached: gone, a link to nothing, a
     *     directory that cannot be searched
     */
    static FoundFile open(SettingsFileSystem system, Trust trust, Path path, String name) {
        return open(system, trust, path, name, OptionalInt.empty());
    }

    /**
     * Opens and judges {@code path}, whose directory is {@code levelsUp} levels above the working
     * directory (as the project file's search found it), reached from "." through "..". A link it
     * leads to is followed as {@link #open(SettingsFileSystem, Trust, Path, String)} follows it.
     *
     * @param levelsUp empty to reach the directory by its name
     */
    static FoundFile open(SettingsFileSystem system, Trust trust, Path path, String name, OptionalInt levelsUp) {
        byte[] current = OsString.encode(OsString.of(path.toAbsolutePath()));
        Optional<String> link = Optional.empty();
        for (int links = 0; ; links++) {
            String it = links == 0 ? "it" : "its target " + decoded(current);
            String itsDirectory = links == 0 ? "its directory" : "its target's directory";
            int slash = lastSlash(current);
            byte[] directoryPath = slash == 0 ? new byte[] {'/'} : Arrays.copyOf(current, slash);
            byte[] entry = Arrays.copyOfRange(current, slash + 1, current.length);
            Entry opened = entry(system, trust, directoryPath, links == 0 ? levelsUp : OptionalInt.empty(), entry, itsDirectory,
                    name, link);
            if (opened.fd() < 0) {
                return doubted(opened.directoryDoubt().get());
            }
            int fd = opened.fd();
            byte[] target;
            try {
                FileStatus status = system.status(fd);
                // The entry first, then its directory: "it belongs to mallory" says more than where it lies.
                Optional<String> doubt = (status.isSymbolicLink() ? trust.doubtLink(status, it) : trust.doubtFile(status, it))
                        .or(opened::directoryDoubt);
                if (doubt.isPresent()) {
                    return doubted(doubt.get());
                }
                if (!status.isSymbolicLink()) {
                    FoundFile found = new FoundFile(fd, status, link, Optional.empty());
                    fd = -1; // the caller's now
                    return found;
                }
                target = system.readLink(fd);
            } finally {
                if (fd >= 0) {
                    system.close(fd);
                }
            }
            if (links == MAX_LINKS) {
                throw CatflapException.failure("cannot read " + name + ": more than " + MAX_LINKS + " links in a row");
            }
            current = target.length > 0 && target[0] == '/' ? target : joined(directoryPath, target);
            link = Optional.of(link.orElse("a link to ") + (link.isPresent() ? ", to " : "") + decoded(target));
        }
    }

    private static FoundFile doubted(String doubt) {
        return new FoundFile(-1, null, Optional.empty(), Optional.of(doubt));
    }

    /** An entry's O_PATH descriptor (-1 where its directory changed), and why its directory is doubted, if it is. */
    private record Entry(int fd, Optional<String> directoryDoubt) {
    }

    /** The entry, and its directory judged (on the directory's descriptor, through which the entry was opened). */
    private static Entry entry(SettingsFileSystem system, Trust trust, byte[] directoryPath, OptionalInt levelsUp, byte[] entry,
            String itsDirectory, String name, Optional<String> link) {
        int directory;
        try {
            directory = levelsUp.isPresent() ? ancestor(system, levelsUp.getAsInt()) : system.openDirectory(directoryPath);
        } catch (PosixException e) {
            throw unreachable(name, link, e);
        }
        try {
            String named = itsDirectory + " " + decoded(directoryPath);
            FileStatus status = system.status(directory);
            if (levelsUp.isPresent() && !stillNamed(system, directoryPath, status)) {
                // The search looked through the name while it led elsewhere: what it found may be
                // another directory's file, and whether this one has its own is not known.
                return new Entry(-1, Optional.of(named + " changed while catflap read it"));
            }
            return new Entry(system.openEntry(directory, entry), trust.doubtDirectory(status, named));
        } catch (PosixException e) {
            throw unreachable(name, link, e);
        } finally {
            system.close(directory);
        }
    }

    /**
     * The directory {@code levels} above the working directory, through "." and "..": no name is
     * looked up on the way, so no link that another user puts in place of a directory of the
     * path (renaming it away in a group's directory) can lead elsewhere. The search walked up
     * Java's name of the working directory, the physical one, so its levels are these.
     */
    private static int ancestor(SettingsFileSystem system, int levels) {
        int directory = system.openWorkingDirectory();
        for (int level = 0; level < levels; level++) {
            int parent;
            try {
                parent = system.openParent(directory);
            } finally {
                system.close(directory);
            }
            directory = parent;
        }
        return directory;
    }

    /** Whether {@code directoryPath} still names the directory reached through "..", as it did when the search looked. */
    private static boolean stillNamed(SettingsFileSystem system, byte[] directoryPath, FileStatus reached) {
        int named;
        try {
            named = system.openDirectory(directoryPath);
        } catch (PosixException e) {
            return false; // renamed away, nothing in its place yet
        }
        try {
            return system.status(named).sameFile(reached);
        } finally {
            system.close(named);
        }
    }

    private static CatflapException unreachable(String name, Optional<String> link, PosixException e) {
        if (e.errno() == Errno.ENOENT) {
            // Found a moment ago: a link to nothing, or a file someone removed or renamed since.
            return CatflapException.failure("cannot read " + name + ": "
                    + link.map(words -> words + ", which does not exist").orElse("removed while catflap was reading it"));
        }
        return CatflapException.failure("cannot read " + name + ": " + link.map(words -> words + ": ").orElse("") + reason(e));
    }

    private static String reason(PosixException e) {
        return switch (e.errno()) {
            case Errno.ENOENT -> "no such file";
            case Errno.EACCES -> "permission denied";
            default -> e.getMessage();
        };
    }

    private static int lastSlash(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] joined(byte[] directory, byte[] target) {
        byte[] joined = Arrays.copyOf(directory, directory.length + 1 + target.length);
        joined[directory.length] = '/';
        System.arraycopy(target, 0, joined, directory.length + 1, target.length);
        return joined;
    }

    private static String decoded(byte[] path) {
        return OsString.decode(path);
    }
}
