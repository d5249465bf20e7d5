package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The access ACL as the kernel stores it (system.posix_acl_access): only the named entries count. */
class AclEntriesTest {
    /** What `setfacl -m u:nobody:rwx,g:100:r-x DIR` leaves on a 0755 directory, as getxattr returns it. */
    private static final String ACL = "02000000" + "0100" + "0700" + "ffffffff" + "0200" + "0700" + "feff0000"
            + "0400" + "0500" + "ffffffff" + "0800" + "0500" + "64000000" + "1000" + "0700" + "ffffffff" + "2000" + "0500"
            + "ffffffff";

    @Test
    void theNamedUsersAndGroupsWithWhatTheyMayDo() {
        List<AclEntry> entries = LibcFiles.aclEntries(HexFormat.of().parseHex(ACL));
        assertEquals(List.of(new AclEntry(true, 65534, 7), new AclEntry(false, 100, 5)), entries);
        assertTrue(entries.get(0).mayWrite());
        assertFalse(entries.get(1).mayWrite());
        assertEquals("uid 65534", entries.get(0).toString());
    }

    @Test
    void aValueOfAnotherVersionOrLengthIsNoAclCatflapReads() {
        assertThrows(PosixException.class, () -> LibcFiles.aclEntries(HexFormat.of().parseHex("01000000")));
        assertThrows(PosixException.class, () -> LibcFiles.aclEntries(HexFormat.of().parseHex("02000000" + "0100")));
        assertEquals(List.of(), LibcFiles.aclEntries(HexFormat.of().parseHex("02000000")));
    }
}
