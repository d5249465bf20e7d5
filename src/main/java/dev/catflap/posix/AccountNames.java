package dev.catflap.posix;

/**
 * The names of users and groups for messages, as the system's account lookup gives them (NSS:
 * /etc/passwd and /etc/group, and a directory service's accounts too): a message names the owner
 * of a file judged through its descriptor, which has no path to ask Java about. The number where
 * the system knows no name.
 */
public final class AccountNames {
    private AccountNames() {
    }

    /** "user NAME", or "user UID". */
    public static String user(int uid) {
        return "user " + LibcAccounts.userName(uid).orElse(Integer.toUnsignedString(uid));
    }

    /** "group NAME", or "group GID". */
    public static String group(int gid) {
        return "group " + LibcAccounts.groupName(gid).orElse(Integer.toUnsignedString(gid));
    }
}
