package dev.catflap.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;

/** The path, argv and envp of an exec, copied into native memory ahead of time. */
public final class PreparedExec {
    final Memory path;
    final Memory argv;
    final Memory envp;
    /** The strings argv and envp point to, which must live as long as they do. */
    private final List<Memory> strings = new ArrayList<>();

    public PreparedExec(byte[] path, List<byte[]> argv, List<byte[]> envp) {
        this.path = NativeMemory.cString(path);
        this.argv = pointerArray(argv);
        this.envp = pointerArray(envp);
    }

    private Memory pointerArray(List<byte[]> values) {
        Memory array = new Memory((long) (values.size() + 1) * Native.POINTER_SIZE);
        for (int i = 0; i < values.size(); i++) {
            Memory value = NativeMemory.cString(values.get(i));
            strings.add(value);
            array.setPointer((long) i * Native.POINTER_SIZE, value);
        }
        array.setPointer((long) values.size() * Native.POINTER_SIZE, null);
        return array;
    }
}
