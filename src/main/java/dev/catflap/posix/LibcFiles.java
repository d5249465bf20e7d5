package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.orElse;
import static dev.catflap.posix.Calls.retried;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link FileAccess} through libc. */
final class LibcFiles implements FileAccess {
    private static final int F_OK = 0;
    private static final int X_OK = 1;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_NONBLOCK = 0x800;
    static final int O_NOCTTY = 0x100;
    private static final int O_PATH = 010000000;
    /** unlinkat's flag to remove a directory, as rmdir does. */
    private static final int AT_REMOVEDIR = 0x200;
    /** The two flags where aarch64 differs from x86-64 (arm's own values, not the generic ones). */
    private static final int O_DIRECTORY = Platform.isARM() ? 040000 : 0200000;
    private static final int O_NOFOLLOW = Platform.isARM() ? 0100000 : 0400000;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_EMPTY_PATH = 0x1000;
    /** The working directory as the *at calls take it, for {@link FileAccess#WORKING_DIRECTORY}. */
    private static final int AT_FDCWD = -100;
    /** STATX_TYPE, MODE, UID, GID, INO: what {@link FileStatus} holds (the device always comes). */
    private static final int STATX_WANTED = 0x1 | 0x2 | 0x8 | 0x10 | 0x100;
    /** struct statx, the same on every architecture: 256 bytes, these offsets. */
    private static final int STATX_SIZE = 256;
    private static final int STX_UID = 20;
    private static final int STX_GID = 24;
    private static final int STX_MODE = 28;
    private static final int STX_INO = 32;
    private static final int STX_DEV_MAJOR = 136;
    private static final int STX_DEV_MINOR = 140;
    private static final byte[] EMPTY = {};
    /** PATH_MAX: no link's target is longer. */
    private static final int LINK_MAX = 4096;
    /** Where the kernel keeps a file's access ACL, and the layout of its value (posix_acl_xattr.h). */
    private static final byte[] ACCESS_ACL = "system.posix_acl_access".getBytes(StandardCharsets.US_ASCII);
    /** The largest value an extended attribute can have (XATTR_SIZE_MAX). */
    private static final int ACL_MAX_SIZE = 65536;
    private static final int ACL_VERSION = 2;
    private static final int ACL_HEADER_SIZE = 4;
    private static final int ACL_ENTRY_SIZE = 8;
    private static final int ACL_USER = 0x02;
    private static final int ACL_GROUP = 0x08;

    @Override
    public boolean exists(byte[] path) {
        return accessible(path, F_OK);
    }

    @Override
    public boolean isExecutable(byte[] path) {
        return accessible(path, X_OK);
    }

    /** True for a directory: only a directory has an entry named "." under it. */
    @Override
    public boolean isDirectory(byte[] path) {
        byte[] dot = new byte[path.length + 2];
        System.arraycopy(path, 0, dot, 0, path.length);
        dot[path.length] = '/';
        dot[path.length + 1] = '.';
        return exists(dot);
    }

    private boolean accessible(byte[] path, int mode) {
        return orElse(() -> libc().access(NativeMemory.cString(path), mode), -1) == 0;
    }

    @Override
    public int openWithoutBlocking(byte[] path) {
        return check("open", () -> libc().open(NativeMemory.cString(path),
                O_RDONLY | O_NONBLOCK | O_NOCTTY | LibcDescriptors.O_CLOEXEC));
    }

    @Override
    public void unlink(byte[] path) {
        check("unlink", () -> libc().unlink(NativeMemory.cString(path)));
    }

    @Override
    public int openDirectory(int directory, byte[] name) {
        return retried("open", () -> libc().openat(at(directory), NativeMemory.cString(name),
                O_PATH | O_DIRECTORY | O_NOFOLLOW | LibcDescriptors.O_CLOEXEC, 0));
    }

    @Override
    public FileStatus status(int fd) {
        return statx("fstat", fd, EMPTY, AT_EMPTY_PATH);
    }

    /** Read through /proc/self/fd: an O_PATH descriptor has no fgetxattr, the file it leads to has its ACL. */
    @Override
    public List<AclEntry> namedAclEntries(int fd) {
        Memory path = NativeMemory.cString(LinuxProcFs.openedFileBytes(fd));
        Memory value = new Memory(ACL_MAX_SIZE);
        int size;
        try {
            size = retried("getxattr", () -> (int) libc().getxattr(path, NativeMemory.cString(ACCESS_ACL), value, ACL_MAX_SIZE));
        } catch (PosixException e) {
            if (e.errno() == Errno.ENODATA || e.errno() == Errno.EOPNOTSUPP) {
                return List.of();
            }
            throw e;
        }
        return aclEntries(value.getByteArray(0, size));
    }

    /** The named entries of an ACL as the kernel stores it: a version, then (tag, permissions, id) each, little-endian. */
    static List<AclEntry> aclEntries(byte[] value) {
        ByteBuffer acl = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        if (value.length < ACL_HEADER_SIZE || acl.getInt() != ACL_VERSION || (value.length - ACL_HEADER_SIZE) % ACL_ENTRY_SIZE != 0) {
            throw new PosixException("getxattr", Errno.EINVAL, "an access control list catflap cannot read");
        }
        List<AclEntry> entries = new ArrayList<>();
        while (acl.hasRemaining()) {
            int tag = Short.toUnsignedInt(acl.getShort());
            int permissions = Short.toUnsignedInt(acl.getShort());
            int id = acl.getInt();
            if (tag == ACL_USER || tag == ACL_GROUP) {
                entries.add(new AclEntry(tag == ACL_USER, id, permissions));
            }
        }
        return entries;
    }

    @Override
    public Optional<FileStatus> statusAt(int directory, byte[] name) {
        try {
            return Optional.of(statx("stat", directory, name, AT_SYMLINK_NOFOLLOW));
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The system's descriptor for {@code directory}: AT_FDCWD for {@link FileAccess#WORKING_DIRECTORY}. */
    static int at(int directory) {
        return directory == WORKING_DIRECTORY ? AT_FDCWD : directory;
    }

    private static FileStatus statx(String call, int directory, byte[] name, int flags) {
        Memory buffer = NativeMemory.zeroed(STATX_SIZE);
        check(call, () -> libc().statx(at(directory), NativeMemory.cString(name), flags, STATX_WANTED, buffer));
        long device = (Integer.toUnsignedLong(buffer.getInt(STX_DEV_MAJOR)) << 32)
                | Integer.toUnsignedLong(buffer.getInt(STX_DEV_MINOR));
        return new FileStatus(device, buffer.getLong(STX_INO), buffer.getShort(STX_MODE) & 0xffff,
                buffer.getInt(STX_UID), buffer.getInt(STX_GID));
    }

    @Override
    public int createNew(int directory, byte[] name, int mode) {
        return retried("open", () -> libc().openat(at(directory), NativeMemory.cString(name),
                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | LibcDescriptors.O_CLOEXEC, mode));
    }

    @Override
    public int openForReadingAt(int directory, byte[] name) {
        return retried("open", () -> libc().openat(at(directory), NativeMemory.cString(name),
                O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | LibcDescriptors.O_CLOEXEC, 0));
    }

    @Override
    public int openEntryAt(int directory, byte[] name) {
        return retried("open", () -> libc().openat(at(directory), NativeMemory.cString(name),
                O_PATH | O_NOFOLLOW | LibcDescriptors.O_CLOEXEC, 0));
    }

    /** readlinkat with an empty name reads the link that {@code fd} itself is (Linux 2.6.39). */
    @Override
    public byte[] readLink(int fd) {
        Memory buffer = new Memory(LINK_MAX);
        int length = retried("readlink", () -> (int) libc().readlinkat(fd, NativeMemory.cString(EMPTY), buffer, LINK_MAX));
        if (length == LINK_MAX) {
            throw new PosixException("readlink", Errno.ENAMETOOLONG, "a link's target too long");
        }
        return buffer.getByteArray(0, length);
    }

    @Override
    public int reopenForReading(int fd) {
        return retried("open", () -> libc().open(NativeMemory.cString(LinuxProcFs.openedFileBytes(fd)),
                O_RDONLY | O_NONBLOCK | O_NOCTTY | LibcDescriptors.O_CLOEXEC));
    }

    @Override
    public int read(int fd, byte[] buffer) {
        Memory memory = new Memory(Math.max(buffer.length, 1));
        int count = retried("read", () -> (int) libc().read(fd, memory, buffer.length));
        memory.read(0, buffer, 0, count);
        return count;
    }

    @Override
    public void write(int fd, byte[] bytes) {
        Memory memory = NativeMemory.of(bytes);
        long written = 0;
        while (written < bytes.length) {
            long count = libc().write(fd, memory.share(written), bytes.length - written);
            if (count < 0) {
                int errno = Native.getLastError();
                if (errno != Errno.EINTR) {
                    throw Calls.failure("write", errno);
                }
            } else {
                written += count;
            }
        }
    }

    @Override
    public void changeMode(int fd, int mode) {
        retried("fchmod", () -> libc().fchmod(fd, mode));
    }

    @Override
    public void renameAt(int directory, byte[] from, byte[] to) {
        check("rename", () -> libc().renameat(at(directory), NativeMemory.cString(from), at(directory), NativeMemory.cString(to)));
    }

    @Override
    public void unlinkAt(int directory, byte[] name) {
        check("unlink", () -> libc().unlinkat(at(directory), NativeMemory.cString(name), 0));
    }

    @Override
    public void makeDirectoryAt(int directory, byte[] name, int mode) {
        check("mkdir", () -> libc().mkdirat(at(directory), NativeMemory.cString(name), mode));
    }

    @Override
    public void removeDirectoryAt(int directory, byte[] name) {
        check("rmdir", () -> libc().unlinkat(at(directory), NativeMemory.cString(name), AT_REMOVEDIR));
    }
}
