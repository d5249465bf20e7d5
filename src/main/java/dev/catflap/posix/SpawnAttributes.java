package dev.catflap.posix;

import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * What posix_spawn does in the child between its fork and its exec, prepared once in native memory:
 * the descriptors it moves and closes, and the signal mask and default actions it sets. Made by
 * {@link Processes#spawnAttributes}; used by {@link Processes#spawn} for every start of the command.
 */
public final class SpawnAttributes {
    // glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on 64-bit Linux.
    private static final int FILE_ACTIONS_BYTES = 256;
    private static final int ATTRIBUTES_BYTES = 1024;

    final Memory fileActions = zeroed(FILE_ACTIONS_BYTES);
    final Memory attributes = zeroed(ATTRIBUTES_BYTES);
    /** From which descriptor up the child must not inherit anything. */
    final int closeFrom;
    /** False where libc cannot close descriptors in the child (glibc before 2.34). */
    boolean childClosesDescriptors;

    /** Native strings a file action points to, which must live as long as the actions do. */
    private final List<Memory> kept = new ArrayList<>();

    SpawnAttributes(int closeFrom) {
        this.closeFrom = closeFrom;
    }

    void keep(Memory memory) {
        kept.add(memory);
    }

    private static Memory zeroed(int bytes) {
        Memory memory = new Memory(bytes);
        memory.clear();
        return memory;
    }
}
