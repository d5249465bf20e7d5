package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's OpenSSH rule for a group-writable directory: the group is the user's alone. */
class PrivateGroupTest {
    private static final List<String> PASSWD = List.of(
            "root:x:0:0:root:/root:/bin/bash",
            "alice:x:1000:1000:Alice:/home/alice:/bin/bash",
            "bob:x:1001:1001:Bob:/home/bob:/bin/bash",
            "carol:x:1002:100:Carol:/home/carol:/bin/bash",
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin");
    private static final List<String> GROUP = List.of(
            "root:x:0:",
            "users:x:100:",
            "alice:x:1000:",
            "bob:x:1001:alice",
            "team:x:2000:alice,bob",
            "solo:x:2001:alice",
            "empty:x:2002:",
            "nogroup:x:65534:");

    @Test
    void theUsersPrivateGroupIsTheirsAlone() {
        assertTrue(PrivateGroup.isOnlyMember(1000, 1000, PASSWD, GROUP));
        assertTrue(PrivateGroup.isOnlyMember(0, 0, PASSWD, GROUP));
        assertTrue(PrivateGroup.isOnlyMember(2001, 1000, PASSWD, GROUP), "a group that lists only the user");
    }

    @Test
    void aGroupWithAnyoneElseIsNot() {
        assertFalse(PrivateGroup.isOnlyMember(1001, 1001, PASSWD, GROUP), "bob's group lists alice");
        assertFalse(PrivateGroup.isOnlyMember(2000, 1000, PASSWD, GROUP), "a team");
        assertFalse(PrivateGroup.isOnlyMember(65534, 0, PASSWD, GROUP), "nobody's primary group");
        assertFalse(PrivateGroup.isOnlyMember(1000, 1001, PASSWD, GROUP), "another user's private group");
    }

    /** A group nobody is known to be in is a set-gid program's kind, or one the files do not tell about: not private. */
    @Test
    void aGroupWithoutMembersOrNotListedIsNot() {
        assertFalse(PrivateGroup.isOnlyMember(2002, 1000, PASSWD, GROUP));
        assertFalse(PrivateGroup.isOnlyMember(3000, 1000, PASSWD, GROUP));
        assertFalse(PrivateGroup.isOnlyMember(1000, 4242, PASSWD, GROUP), "a user the files do not know");
    }

    /**
     * Two groups may share a gid (groupadd -o): a member of either has it, so every line of that
     * gid must list nobody but the user, not only the first.
     */
    @Test
    void aGidSharedWithAnotherGroupIsNot() {
        List<String> shared = List.of("alice:x:1000:", "team:x:1000:bob");
        assertFalse(PrivateGroup.isOnlyMember(1000, 1000, PASSWD, shared), "bob is in team, whose gid is alice's");
        assertTrue(PrivateGroup.isOnlyMember(1000, 1000, PASSWD, List.of("alice:x:1000:", "alias:x:1000:alice")),
                "another name for the same group, with only alice in it");
    }

    /** A passwd that is not UTF-8 (a Latin-1 GECOS field) is still read: else no group is ever private. */
    @Test
    void filesThatAreNotUtf8AreReadAsBytes(@TempDir Path directory) throws IOException {
        Path passwd = directory.resolve("passwd");
        Path group = directory.resolve("group");
        Files.write(passwd, "alice:x:1000:1000:Jos\u00e9:/home/alice:/bin/bash\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(group, "alice:x:1000:\nteam:x:2000:alice,bob\n");
        assertTrue(PrivateGroup.isOnlyMember(1000, 1000, passwd, group));
        assertFalse(PrivateGroup.isOnlyMember(2000, 1000, passwd, group));
    }
}
