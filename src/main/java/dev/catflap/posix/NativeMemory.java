package dev.catflap.posix;

import com.sun.jna.Memory;

/** Java bytes copied into native memory for a call. */
final class NativeMemory {
    private NativeMemory() {
    }

    static Memory of(byte[] bytes) {
        Memory memory = new Memory(Math.max(bytes.length, 1));
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    /** {@code bytes} and a NUL after them. */
    static Memory cString(byte[] bytes) {
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }

    static Memory zeroed(int bytes) {
        Memory memory = new Memory(bytes);
        memory.clear();
        return memory;
    }
}
