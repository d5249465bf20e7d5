package dev.catflap.posix;

import java.util.List;
import java.util.Optional;

/**
 * Files by their raw path bytes, which need not be UTF-8: checks, a non-blocking open, removal;
 * and files reached through an open directory, never by a name that someone could change between
 * two calls: each entry is opened once, without following a link, and then judged and used
 * through that descriptor alone.
 */
public interface FileAccess {
    /**
     * Where {@code directory} is the working directory. No descriptor's number (they are never
     * negative), and not the system's own word for it (Linux's AT_FDCWD, -100): posix puts that
     * in its place where it calls the system.
     */
    int WORKING_DIRECTORY = Integer.MIN_VALUE;

    boolean exists(byte[] path);

    boolean isExecutable(byte[] path);

    boolean isDirectory(byte[] path);

    /**
     * Opens {@code path} for reading without ever waiting: a FIFO would block an ordinary open
     * until a writer came. The caller checks what it opened (see /proc/self/fd) and closes it.
     */
    int openWithoutBlocking(byte[] path);

    void unlink(byte[] path);

    /**
     * Opens the directory {@code name} in {@code directory} (or an absolute name) to reach what is
     * in it, never following a link: a link there fails (ELOOP), as does a file that is no
     * directory (ENOTDIR). O_PATH: it needs no permission to read the directory, only to search
     * the ones above it. Close-on-exec; the caller closes it.
     */
    int openDirectory(int directory, byte[] name);

    /** What the file open at {@code fd} is (fstat): judged on what is open, not on a name. */
    FileStatus status(int fd);

    /**
     * The entries of the access ACL of the file open at {@code fd} that name a user or a group;
     * none where it has no ACL beyond its permission bits, or its file system has no ACLs. A
     * directory whose bits say only its owner may write can still let such a user write.
     */
    List<AclEntry> namedAclEntries(int fd);

    /** What the entry {@code name} in {@code directory} is, a link as itself; empty where there is none. */
    Optional<FileStatus> statusAt(int directory, byte[] name);

    /**
     * Creates the file {@code name} in {@code directory} for writing, with {@code mode} (less the
     * umask), failing (EEXIST) where any entry of that name exists, a link included: the file
     * open is the one made here.
     */
    int createNew(int directory, byte[] name, int mode);

    /** Opens the file {@code name} in {@code directory} for reading, not following a link, never waiting (a FIFO). */
    int openForReadingAt(int directory, byte[] name);

    /**
     * Opens the entry {@code name} in {@code directory} as itself (O_PATH, O_NOFOLLOW): a link is
     * the link, which {@link #status} and {@link #readLink} then judge and read, never its target;
     * nothing else is opened, so a FIFO cannot block. Close-on-exec; the caller closes it.
     */
    int openEntryAt(int directory, byte[] name);

    /** The target of the link open at {@code fd} (from {@link #openEntryAt}): exactly that link's. */
    byte[] readLink(int fd);

    /**
     * Opens for reading, never waiting, the very file open at {@code fd} (an O_PATH descriptor
     * from {@link #openEntryAt}), through its /proc/self/fd link: no name is looked up again.
     */
    int reopenForReading(int fd);

    /** Reads up to {@code buffer.length} bytes; 0 at the end. */
    int read(int fd, byte[] buffer);

    /** Writes all of {@code bytes}. */
    void write(int fd, byte[] bytes);

    /** Sets the permissions of the file open at {@code fd} (fchmod). */
    void changeMode(int fd, int mode);

    /** Renames {@code from} to {@code to}, both in {@code directory}, replacing any {@code to} at once. */
    void renameAt(int directory, byte[] from, byte[] to);

    /** Removes the entry {@code name} of {@code directory} (not a directory). */
    void unlinkAt(int directory, byte[] name);

    /**
     * Creates the directory {@code name} in {@code directory}, with {@code mode} less the umask,
     * failing (EEXIST) where any entry of that name exists, a link included: never made through one.
     */
    void makeDirectoryAt(int directory, byte[] name, int mode);

    /** Removes the empty directory {@code name} of {@code directory}. */
    void removeDirectoryAt(int directory, byte[] name);
}
