package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.orElse;
import static dev.catflap.posix.Calls.retried;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
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
    /** The two flags where aarch64 differs from x86-64 (arm's own values, not the generic ones). */
    private static final int O_DIRECTORY = Platform.isARM() ? 040000 : 0200000;
    private static final int O_NOFOLLOW = Platform.isARM() ? 0100000 : 0400000;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_EMPTY_PATH = 0x1000;
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
        return retried("open", () -> libc().openat(directory, NativeMemory.cString(name),
                O_PATH | O_DIRECTORY | O_NOFOLLOW | LibcDescriptors.O_CLOEXEC, 0));
    }

    @Override
    public FileStatus status(int fd) {
        return statx("fstat", fd, EMPTY, AT_EMPTY_PATH);
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

    private static FileStatus statx(String call, int directory, byte[] name, int flags) {
        Memory buffer = NativeMemory.zeroed(STATX_SIZE);
        check(call, () -> libc().statx(directory, NativeMemory.cString(name), flags, STATX_WANTED, buffer));
        long device = (Integer.toUnsignedLong(buffer.getInt(STX_DEV_MAJOR)) << 32)
                | Integer.toUnsignedLong(buffer.getInt(STX_DEV_MINOR));
        return new FileStatus(device, buffer.getLong(STX_INO), buffer.getShort(STX_MODE) & 0xffff,
                buffer.getInt(STX_UID), buffer.getInt(STX_GID));
    }

    @Override
    public int createNew(int directory, byte[] name, int mode) {
        return retried("open", () -> libc().openat(directory, NativeMemory.cString(name),
                O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | LibcDescriptors.O_CLOEXEC, mode));
    }

    @Override
    public int openForReadingAt(int directory, byte[] name) {
        return retried("open", () -> libc().openat(directory, NativeMemory.cString(name),
                O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | LibcDescriptors.O_CLOEXEC, 0));
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
        check("rename", () -> libc().renameat(directory, NativeMemory.cString(from), directory, NativeMemory.cString(to)));
    }

    @Override
    public void unlinkAt(int directory, byte[] name) {
        check("unlink", () -> libc().unlinkat(directory, NativeMemory.cString(name), 0));
    }
}
