package dev.catflap.it;

import java.util.HashMap;
import java.util.Map;

/**
 * A process's /proc/PID/status, as {@code cat /proc/self/status} prints it. cat, unlike python3,
 * changes no signal disposition as it starts, so its SigBlk and SigIgn are what it was given.
 */
public record ProcStatus(Map<String, String> fields) {
    /** The command that prints it. */
    public static final java.util.List<String> COMMAND = java.util.List.of("cat", "/proc/self/status");

    public static ProcStatus parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        if (!fields.containsKey("SigBlk")) {
            throw new AssertionError("not a status file: " + text);
        }
        return new ProcStatus(fields);
    }

    public String blocked() {
        return fields.get("SigBlk");
    }

    public String ignored() {
        return fields.get("SigIgn");
    }
}
