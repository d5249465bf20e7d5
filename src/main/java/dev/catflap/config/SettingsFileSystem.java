package dev.catflap.config;

import dev.catflap.posix.AccountNames;
import dev.catflap.posix.AclEntry;
import dev.catflap.posix.FileAccess;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PrivateGroup;
import java.util.Arrays;
import java.util.List;

/**
 * What reading the settings files needs of the system: whose files catflap may trust, an open
 * that never blocks, and the calls that judge a file found by itself through descriptors (see
 * {@link FoundFile}). Its own interface, so that the configuration can be tested without JNA.
 */
interface SettingsFileSystem {
    /** The effective uid: whose files catflap obeys without being told to (see {@link Trust}). */
    int effectiveUid();

    /** A descriptor for reading {@code path}, opened without waiting (a FIFO does not block it). */
    int openWithoutBlocking(byte[] path);

    /** The directory {@code directory} (O_PATH; links on its way followed, as the kernel resolves them). */
    int openDirectory(byte[] directory);

    /** The entry {@code name} of the directory open at {@code directory}, a link as itself (O_PATH). */
    int openEntry(int directory, byte[] name);

    /** The directory catflap runs in, as ".": the process's own, whatever its name leads to now (O_PATH). */
    int openWorkingDirectory();

    /** The parent of the directory open at {@code directory}, as "..": reached from it, not by a name (O_PATH). */
    int openParent(int directory);

    FileStatus status(int fd);

    /** The target of the link open at {@code fd}. */
    byte[] readLink(int fd);

    /** The file open at {@code fd} (O_PATH), opened again for reading, without waiting. */
    int reopenForReading(int fd);

    /** Up to {@code buffer.length} bytes; 0 at the end. */
    int read(int fd, byte[] buffer);

    /** The named user and group entries of the access ACL of the file open at {@code fd}; none without one. */
    List<AclEntry> namedAclEntries(int fd);

    void close(int fd);

    /** Whether {@code gid} is the effective user's private group, whose only member is the user. */
    boolean isPrivateGroup(int gid);

    /** "user NAME" for messages. */
    default String userName(int uid) {
        return AccountNames.user(uid);
    }

    /** "group NAME" for messages. */
    default String groupName(int gid) {
        return AccountNames.group(gid);
    }

    /** The system's, through {@link Posix}. */
    static SettingsFileSystem of(Posix posix) {
        return new SettingsFileSystem() {
            @Override
            public int effectiveUid() {
                return posix.self().effectiveUid();
            }

            @Override
            public int openWithoutBlocking(byte[] path) {
                return posix.files().openWithoutBlocking(path);
            }

            /** "DIR/.": the last step is no link, so O_NOFOLLOW refuses nothing the path's own links reach. */
            @Override
            public int openDirectory(byte[] directory) {
                byte[] dot = Arrays.copyOf(directory, directory.length + 2);
                dot[directory.length] = '/';
                dot[directory.length + 1] = '.';
                return posix.files().openDirectory(FileAccess.WORKING_DIRECTORY, dot);
            }

            @Override
            public int openEntry(int directory, byte[] name) {
                return posix.files().openEntryAt(directory, name);
            }

            @Override
            public int openWorkingDirectory() {
                return posix.files().openDirectory(FileAccess.WORKING_DIRECTORY, new byte[] {'.'});
            }

            @Override
            public int openParent(int directory) {
                return posix.files().openDirectory(directory, new byte[] {'.', '.'});
            }

            @Override
            public FileStatus status(int fd) {
                return posix.files().status(fd);
            }

            @Override
            public byte[] readLink(int fd) {
                return posix.files().readLink(fd);
            }

            @Override
            public int reopenForReading(int fd) {
                return posix.files().reopenForReading(fd);
            }

            @Override
            public int read(int fd, byte[] buffer) {
                return posix.files().read(fd, buffer);
            }

            @Override
            public List<AclEntry> namedAclEntries(int fd) {
                return posix.files().namedAclEntries(fd);
            }

            @Override
            public void close(int fd) {
                posix.descriptors().close(fd);
            }

            @Override
            public boolean isPrivateGroup(int gid) {
                return PrivateGroup.isOnlyMember(gid, effectiveUid());
            }
        };
    }
}
