package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;

/** {@link Sockets} through libc. */
final class LibcSockets implements Sockets {
    private static final int SOCK_CLOEXEC = 0x80000;
    /** Larger than any sockaddr (sockaddr_un is 110 bytes). */
    private static final int ADDRESS_BYTES = 128;

    @Override
    public int socket(int family, int type) {
        return check("socket", () -> libc().socket(family, type | SOCK_CLOEXEC, 0));
    }

    @Override
    public void setSocketOption(int fd, int level, int name, int value) {
        check("setsockopt", () -> libc().setsockopt(fd, level, name, new IntByReference(value), Integer.BYTES));
    }

    @Override
    public void bind(int fd, byte[] sockaddr) {
        check("bind", () -> libc().bind(fd, NativeMemory.of(sockaddr), sockaddr.length));
    }

    @Override
    public void listen(int fd, int backlog) {
        check("listen", () -> libc().listen(fd, backlog));
    }

    @Override
    public void connect(int fd, byte[] sockaddr) {
        check("connect", () -> libc().connect(fd, NativeMemory.of(sockaddr), sockaddr.length));
    }

    @Override
    public byte[] localAddress(int fd) {
        Memory buffer = NativeMemory.zeroed(ADDRESS_BYTES);
        IntByReference length = new IntByReference(ADDRESS_BYTES);
        check("getsockname", () -> libc().getsockname(fd, buffer, length));
        return buffer.getByteArray(0, length.getValue());
    }
}
