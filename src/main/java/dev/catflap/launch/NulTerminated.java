package dev.catflap.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Lists of NUL-terminated byte strings, as /proc/PID/cmdline and /proc/PID/environ hold them. */
final class NulTerminated {
    private NulTerminated() {
    }

    /** The strings in {@code bytes}, raw, without their NULs. */
    static List<byte[]> split(byte[] bytes) {
        List<byte[]> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                strings.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return strings;
    }
}
