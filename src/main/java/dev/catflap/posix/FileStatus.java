package dev.catflap.posix;

/**
 * What the kernel says of one file (statx): which file it is, its type and permissions, its owner.
 *
 * @param device the file system's device, major and minor in one number
 * @param inode the file's number on that device: with {@code device}, which file it is
 * @param mode the type bits and the permission bits, as st_mode
 * @param uid the owner
 * @param gid the group
 */
public record FileStatus(long device, long inode, int mode, int uid, int gid) {
    private static final int TYPE = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int LINK = 0120000;
    private static final int PERMISSIONS = 07777;

    public boolean isDirectory() {
        return (mode & TYPE) == DIRECTORY;
    }

    public boolean isRegularFile() {
        return (mode & TYPE) == REGULAR;
    }

    public boolean isSymbolicLink() {
        return (mode & TYPE) == LINK;
    }

    /** The permission bits with set-uid, set-gid and sticky: 01777 for /tmp. */
    public int permissions() {
        return mode & PERMISSIONS;
    }

    /** Whether {@code other} is the same file (not just an equal one). */
    public boolean sameFile(FileStatus other) {
        return device == other.device && inode == other.inode;
    }
}
