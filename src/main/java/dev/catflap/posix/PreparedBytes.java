package dev.catflap.posix;

import com.sun.jna.Memory;

/** Bytes copied into native memory ahead of time, to be written when no class may be loaded (see {@link Execve#die}). */
public final class PreparedBytes {
    final Memory memory;
    final int length;

    public PreparedBytes(byte[] bytes) {
        memory = NativeMemory.of(bytes);
        length = bytes.length;
    }
}
