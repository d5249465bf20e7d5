package dev.catflap.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a group is the user's private group, whose only member is the user: with the umask 002
 * of user private groups (Fedora, Debian's pam_umask) every directory a user makes is
 * group-writable, ~/.config/systemd/user included, and nobody else can write to it. Judged as
 * Debian's OpenSSH judges a group-writable ~/.ssh: the group is listed in /etc/group with no
 * member but the user (on every line of its gid), and no account but the user's has it as its
 * primary group. A group the
 * files do not list (one from a directory service) is not taken as private.
 */
public final class PrivateGroup {
    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path GROUP = Path.of("/etc/group");

    private PrivateGroup() {
    }

    /** From the system's /etc/passwd and /etc/group; false where either cannot be read. */
    public static boolean isOnlyMember(int gid, int user) {
        return isOnlyMember(gid, user, PASSWD, GROUP);
    }

    /**
     * From these files, read as bytes (ISO-8859-1): they need not be UTF-8 (a Latin-1 GECOS
     * field), and names are compared byte for byte all the same.
     */
    static boolean isOnlyMember(int gid, int user, Path passwd, Path group) {
        try {
            return isOnlyMember(gid, user, Files.readAllLines(passwd, StandardCharsets.ISO_8859_1),
                    Files.readAllLines(group, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The rule on the lines of passwd and group files. */
    static boolean isOnlyMember(int gid, int user, List<String> passwd, List<String> group) {
        Optional<String> name = Optional.empty();
        boolean primary = false;
        for (String line : passwd) {
            String[] fields = line.split(":", -1);
            if (fields.length < 4 || line.startsWith("#")) {
                continue;
            }
            boolean theUser = fields[2].equals(Integer.toString(user));
            if (theUser && name.isEmpty()) {
                name = Optional.of(fields[0]);
            }
            if (fields[3].equals(Integer.toString(gid))) {
                if (!theUser) {
                    return false;
                }
                primary = true;
            }
        }
        if (name.isEmpty()) {
            return false;
        }
        // Two groups may share a gid (groupadd -o): the members of each have it, so every line counts.
        boolean listed = false;
        boolean anyMember = false;
        for (String line : group) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 4 && fields[2].equals(Integer.toString(gid))) {
                List<String> members = fields[3].isEmpty() ? List.of() : List.of(fields[3].split(","));
                if (!members.stream().allMatch(name.get()::equals)) {
                    return false;
                }
                listed = true;
                anyMember |= !members.isEmpty();
            }
        }
        return listed && (primary || anyMember);
    }
}
