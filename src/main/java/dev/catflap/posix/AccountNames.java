package dev.catflap.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The names of users and groups for messages, from /etc/passwd and /etc/group: a message names
 * the owner of a file judged through its descriptor, which has no path to ask Java about. The
 * number where the files do not list it (a directory service's account).
 */
public final class AccountNames {
    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path GROUP = Path.of("/etc/group");

    private AccountNames() {
    }

    /** "user NAME", or "user UID". */
    public static String user(int uid) {
        return "user " + name(PASSWD, uid);
    }

    /** "group NAME", or "group GID". */
    public static String group(int gid) {
        return "group " + name(GROUP, gid);
    }

    private static String name(Path file, int id) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (String line : lines) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3 && !line.startsWith("#") && fields[2].equals(Integer.toString(id))) {
                    return fields[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the number says it all the same
        }
        return Integer.toString(id);
    }
}
