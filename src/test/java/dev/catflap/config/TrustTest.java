package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.catflap.posix.AclEntry;
import dev.catflap.posix.FileStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules on what was opened: owner, and who else may write to it. */
class TrustTest {
    private static final int USER = 1000;
    private static final int PRIVATE = 1000;
    private static final int TEAM = 2000;
    private static final int REGULAR = 0100000;
    private static final int LINK = 0120000;
    private static final int DIRECTORY = 0040000;

    private final Trust trust = new Trust(new FakeFileSystem(USER) {
        @Override
        public boolean isPrivateGroup(int gid) {
            return gid == PRIVATE;
        }

        @Override
        public String userName(int uid) {
            return "user " + uid;
        }

        @Override
        public String groupName(int gid) {
            return "group " + gid;
        }
    });

    @Test
    void theUsersOrRootsFileOnlyTheyCanWriteIsObeyed() {
        assertEquals(Optional.empty(), trust.doubtFile(status(REGULAR | 0644, USER, TEAM), "it"));
        assertEquals(Optional.empty(), trust.doubtFile(status(REGULAR | 0644, 0, TEAM), "it"));
        assertEquals(Optional.empty(), trust.doubtFile(status(REGULAR | 0664, USER, PRIVATE), "it"), "the user's private group");
    }

    @Test
    void aFileOthersCanWriteIsNot() {
        assertEquals(Optional.of("it is writable by every user"), trust.doubtFile(status(REGULAR | 0666, 0, 0), "it"));
        assertEquals(Optional.of("it is writable by every user"), trust.doubtFile(status(REGULAR | 0602, USER, PRIVATE), "it"));
        assertEquals(Optional.of("it is writable by group 2000, not only by you"), trust.doubtFile(status(REGULAR | 0660, USER, TEAM), "it"));
        assertEquals(Optional.of("it belongs to user 65534, not to you or root"), trust.doubtFile(status(REGULAR | 0644, 65534, TEAM), "it"));
    }

    @Test
    void whatIsNeverReadIsLeftToBeRefusedForWhatItIs() {
        assertEquals(Optional.empty(), trust.doubtFile(status(0020000 | 0666, 0, 0), "its target /dev/zero"), "a device");
        assertEquals(Optional.of("it belongs to user 65534, not to you or root"), trust.doubtFile(status(0010000 | 0644, 65534, 0), "it"),
                "another user's FIFO is ignored, not refused: nobody can stop catflap by planting one");
    }

    @Test
    void aLinkIsJudgedByItsOwnOwnerAlone() {
        assertEquals(Optional.empty(), trust.doubtLink(status(LINK | 0777, USER, TEAM), "it"), "a link's bits mean nothing");
        assertEquals(Optional.of("it is a link that belongs to user 65534, not to you or root"),
                trust.doubtLink(status(LINK | 0777, 65534, TEAM), "it"));
    }

    @Test
    void aGroupsDirectoryIsTrustedButNotOneEveryUserCanWrite() {
        assertEquals(Optional.empty(), trust.doubtDirectory(status(DIRECTORY | 02775, 0, TEAM), "its directory /d"));
        assertEquals(Optional.of("its directory /d is writable by every user"),
                trust.doubtDirectory(status(DIRECTORY | 01777, 0, 0), "its directory /d"));
        assertEquals(Optional.of("its directory /d belongs to user 65534, not to you or root"),
                trust.doubtDirectory(status(DIRECTORY | 0755, 65534, 65534), "its directory /d"));
    }

    @Test
    void aUserOrGroupTheAccessListLetsWriteIsAnotherWriter() {
        FileStatus privateFile = status(REGULAR | 0664, USER, PRIVATE);
        assertEquals(Optional.of("it is writable by user 65534 through its access control list"),
                trust.doubtAccessList(privateFile, List.of(new AclEntry(true, 65534, 6)), "it"));
        assertEquals(Optional.of("its target is writable by group 2000 through its access control list"),
                trust.doubtAccessList(privateFile, List.of(new AclEntry(true, 65534, 4), new AclEntry(false, TEAM, 7)), "its target"));
    }

    @Test
    void theUsersRootsAndItsPrivateGroupsEntriesAndReadersAreNot() {
        FileStatus privateFile = status(REGULAR | 0664, USER, PRIVATE);
        assertEquals(Optional.empty(), trust.doubtAccessList(privateFile,
                List.of(new AclEntry(true, USER, 6), new AclEntry(true, 0, 6), new AclEntry(false, PRIVATE, 6), new AclEntry(true, 65534, 4)), "it"));
        assertEquals(Optional.empty(), trust.doubtAccessList(status(REGULAR | 0644, USER, PRIVATE), List.of(new AclEntry(true, 65534, 6)), "it"),
                "a mask without write: no entry's write gets past it");
    }

    private static FileStatus status(int mode, int uid, int gid) {
        return new FileStatus(1, 2, mode, uid, gid);
    }
}
