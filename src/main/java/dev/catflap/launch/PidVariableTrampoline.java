package dev.catflap.launch;

import dev.catflap.posix.PreparedExec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a command whose environment must hold its own pid (LISTEN_PID with --systemd). posix_spawn
 * cannot know the child's pid before the child runs, and the JVM runs nothing in the child, so the
 * child starts as /bin/sh, which knows its pid: it writes it into that entry and execs
 * {@code env -i} with the command's environment, entry by entry, and the command, which env execs
 * in turn, all in the one process. The environment arrives in order and byte for byte, except what
 * env cannot set: an entry without a name or without '=' is left out, and of two entries with one
 * name the later value takes the earlier's place.
 */
final class PidVariableTrampoline {
    private static final byte[] SHELL = LaunchPlan.SHELL;
    /**
     * $1 is the number of the entry to set; the entries and the command's words follow. The loop
     * rotates the words through "$@", replacing that entry's value with $$.
     */
    private static final String SCRIPT = "i=$1; shift; k=0; for a do shift; k=$((k + 1)); "
            + "if [ \"$k\" -eq \"$i\" ]; then a=\"${a%%=*}=$$\"; fi; set -- \"$@\" \"$a\"; done; "
            + "exec /usr/bin/env -i \"$@\"";

    private PidVariableTrampoline() {
    }

    /** The exec of the shell that starts {@code plan}'s command with {@code variable} set to its pid. */
    static PreparedExec exec(LaunchPlan plan, String variable) {
        List<byte[]> entries = settable(plan.environment().entries());
        List<byte[]> argv = new ArrayList<>();
        argv.add(SHELL);
        argv.add(bytes("-c"));
        argv.add(bytes(SCRIPT));
        argv.add(bytes("catflap"));
        argv.add(bytes(Integer.toString(position(entries, variable))));
        argv.addAll(entries);
        argv.addAll(commandWords(plan));
        return new PreparedExec(SHELL, argv, List.of());
    }

    /** Entries env can set: NAME=VALUE with a name. */
    private static List<byte[]> settable(List<byte[]> entries) {
        List<byte[]> settable = new ArrayList<>();
        for (byte[] entry : entries) {
            if (indexOf(entry, (byte) '=') > 0) {
                settable.add(entry);
            }
        }
        return settable;
    }

    /** 1-based, as the script counts. */
    private static int position(List<byte[]> entries, String variable) {
        byte[] prefix = bytes(variable + "=");
        for (int i = 0; i < entries.size(); i++) {
            byte[] entry = entries.get(i);
            if (entry.length >= prefix.length && java.util.Arrays.equals(entry, 0, prefix.length, prefix, 0, prefix.length)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(variable + " is not in the command's environment");
    }

    /**
     * The command's words; env would take a first word with '=' for one more entry, so that one is
     * replaced by the path it was resolved to.
     */
    private static List<byte[]> commandWords(LaunchPlan plan) {
        List<byte[]> words = new ArrayList<>(plan.command().words());
        if (indexOf(words.get(0), (byte) '=') >= 0) {
            words.set(0, plan.executable());
        }
        return words;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
