package dev.catflap.config;

import dev.catflap.posix.AclEntry;
import dev.catflap.posix.FileStatus;
import java.util.List;
import java.util.Optional;

/**
 * Whose settings files catflap obeys without being told to, as git reasons with safe.directory. A
 * file catflap finds by itself (the project file's search, the local file, the user file) can
 * choose the command it runs as the user: it is used only when it belongs to the user or to root,
 * no other user can write to it, and it lies in a directory that belongs to one of them too and
 * that not every user can write to. Otherwise anyone could plant one, e.g. a
 * {@code /tmp/.catflap.properties} that every directory below /tmp finds, or append to one. A link
 * is judged as an entry of its directory (its own owner), then its target as one of the target's.
 * {@link FoundFile} reaches each through descriptors, and these rules judge what it opened.
 *
 * <p>A group-writable directory is trusted: with the umask 002 of user private groups (Fedora,
 * Debian's pam_umask) every project directory is one, and a file or a link a member of the group
 * puts there belongs to that member, whom the owner rule refuses. A group-writable file is
 * trusted only where the group is the user's private group, whose only member is the user.
 * With an access control list the group bits are its mask: a user or group it names may write
 * where the bits show only the owner's private group, so those entries are judged too.
 */
final class Trust {
    private static final int ROOT = 0;
    private static final int WRITABLE_BY_GROUP = 0020;
    private static final int WRITABLE_BY_OTHERS = 0002;

    private final int user;
    private final SettingsFileSystem system;

    /** @param system whose effective uid is the user catflap runs as, and so whose files it may obey */
    Trust(SettingsFileSystem system) {
        this.user = system.effectiveUid();
        this.system = system;
    }

    /** Why a directory ({@code it}: "its directory D") must not hold files catflap obeys, or empty. */
    Optional<String> doubtDirectory(FileStatus directory, String it) {
        if (!trusted(directory.uid())) {
            return Optional.of(belongs(it, directory));
        }
        if ((directory.permissions() & WRITABLE_BY_OTHERS) != 0) {
            return Optional.of(it + " is writable by every user");
        }
        return Optional.empty();
    }

    /** Why a link must not be followed: another user's link may point anywhere, even at root's files. */
    Optional<String> doubtLink(FileStatus link, String it) {
        return trusted(link.uid()) ? Optional.empty() : Optional.of(belongs(it + " is a link that", link));
    }

    /** Why a file (not a link) must not be obeyed: its owner, or whoever else can write to it. */
    Optional<String> doubtFile(FileStatus file, String it) {
        if (!trusted(file.uid())) {
            return Optional.of(belongs(it, file));
        }
        if (!file.isRegularFile()) {
            // Never read at all (a FIFO, /dev/zero): refused for what it is, whoever may write to it.
            return Optional.empty();
        }
        if ((file.permissions() & WRITABLE_BY_OTHERS) != 0) {
            return Optional.of(it + " is writable by every user");
        }
        if ((file.permissions() & WRITABLE_BY_GROUP) != 0 && !system.isPrivateGroup(file.gid())) {
            return Optional.of(it + " is writable by " + system.groupName(file.gid()) + ", not only by you");
        }
        return Optional.empty();
    }

    /**
     * Why a regular file must not be obeyed for the named entries of its access ACL ({@code
     * entries}, read from the descriptor its bytes are read from), or empty: a user other than the
     * user or root, or a group other than the user's private group, that may write to it.
     */
    Optional<String> doubtAccessList(FileStatus file, List<AclEntry> entries, String it) {
        if ((file.permissions() & WRITABLE_BY_GROUP) == 0) {
            return Optional.empty(); // the mask: no entry's write gets past it
        }
        return entries.stream().filter(AclEntry::mayWrite).filter(entry -> !isTheUsers(entry)).findFirst()
                .map(entry -> it + " is writable by " + (entry.user() ? system.userName(entry.id()) : system.groupName(entry.id()))
                        + " through its access control list");
    }

    private boolean isTheUsers(AclEntry entry) {
        return entry.user() ? trusted(entry.id()) : system.isPrivateGroup(entry.id());
    }

    private String belongs(String it, FileStatus file) {
        return it + " belongs to " + system.userName(file.uid()) + ", not to you or root";
    }

    private boolean trusted(int uid) {
        return uid == user || uid == ROOT;
    }
}
