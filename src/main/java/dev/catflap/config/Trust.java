package dev.catflap.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whose settings files catflap obeys without being told to, as git reasons with safe.directory. A
 * file catflap finds by itself (the project file's search, the user file) can choose the command
 * it runs as the user: it is used only when it belongs to the user or to root and lies in a
 * directory that belongs to one of them too and that not every user can write to. Otherwise anyone
 * could plant one, e.g. a {@code /tmp/.catflap.properties} that every directory below /tmp finds.
 * A link is judged as an entry of its directory, then its target as one of the target's.
 *
 * <p>A group-writable directory is trusted: with the umask 002 of user private groups (Fedora,
 * Debian's pam_umask) every project directory is one, and a file a member of the group writes
 * there belongs to that member, whom the owner rule already refuses.
 */
final class Trust {
    private static final int ROOT = 0;
    private static final int WRITABLE_BY_OTHERS = 0002;

    private final int user;

    /** @param user the effective uid: whose permissions catflap has, and so whose files it may obey */
    Trust(int user) {
        this.user = user;
    }

    /** Why {@code file} must not be obeyed unless named, or empty when it may be. */
    Optional<String> doubt(Path file) {
        try {
            Optional<String> doubt = doubtEntry(file, "it", "its directory");
            if (doubt.isEmpty() && Files.isSymbolicLink(file)) {
                Path target = file.toRealPath();
                doubt = doubtEntry(target, "its target " + target, "its target's directory");
            }
            return doubt;
        } catch (IOException e) {
            // A dangling link, or a directory that cannot be searched: reading the file then
            // fails naming it, rather than it being skipped with a misleading reason.
            return Optional.empty();
        }
    }

    /**
     * Why the file open at {@code opened} (a /proc/self/fd link) must not be obeyed: its owner,
     * judged on what was opened. Where the directory is one that others may change (a group's),
     * the name judged by {@link #doubt} may point at another file by the time it is opened.
     */
    Optional<String> doubtOpened(Path opened) throws IOException {
        return trusted(uid(opened)) ? Optional.empty() : Optional.of("it belongs to " + owner(opened) + ", not to you or root");
    }

    private Optional<String> doubtEntry(Path file, String it, String itsDirectory) throws IOException {
        if (!trusted(uid(file, LinkOption.NOFOLLOW_LINKS))) {
            return Optional.of(it + " belongs to " + owner(file, LinkOption.NOFOLLOW_LINKS) + ", not to you or root");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null) {
            return Optional.empty();
        }
        return doubtDirectory(directory, itsDirectory);
    }

    /**
     * Why a file of {@code directory}'s, even one of the user's own, must not be obeyed: the
     * directory's owner or mode (see {@link #doubt}); for {@code catflap --init}, before it writes one.
     *
     * @param itsDirectory how the message names the directory, before its path
     */
    Optional<String> doubtDirectory(Path directory, String itsDirectory) throws IOException {
        if (!trusted(uid(directory))) {
            return Optional.of(itsDirectory + " " + directory + " belongs to " + owner(directory) + ", not to you or root");
        }
        if (((Integer) Files.getAttribute(directory, "unix:mode") & WRITABLE_BY_OTHERS) != 0) {
            return Optional.of(itsDirectory + " " + directory + " is writable by every user");
        }
        return Optional.empty();
    }

    private boolean trusted(int uid) {
        return uid == user || uid == ROOT;
    }

    private static int uid(Path path, LinkOption... options) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", options);
    }

    /** The owner's name, or the number of a uid without one. */
    private static String owner(Path path, LinkOption... options) throws IOException {
        return "user " + Files.getOwner(path, options).getName();
    }
}
