package dev.catflap.posix;

import static dev.catflap.posix.Calls.check;
import static dev.catflap.posix.Calls.libc;
import static dev.catflap.posix.Calls.orElse;

/** {@link FileAccess} through libc. */
final class LibcFiles implements FileAccess {
    private static final int F_OK = 0;
    private static final int X_OK = 1;
    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 0x800;
    static final int O_NOCTTY = 0x100;

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
}
