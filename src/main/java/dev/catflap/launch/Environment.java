package dev.catflap.launch;

import dev.catflap.posix.OsString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command's environment as raw {@code NAME=value} entries: the caller's own, byte for byte
 * (libc's {@code environ}, not Java's decoded copy), with catflap's variables set.
 */
public final class Environment {
    private final List<byte[]> entries;

    public Environment(List<byte[]> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A copy with {@code name} set to {@code value}, replacing any earlier value in place. */
    public Environment with(String name, String value) {
        return with(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy with {@code name} set to the raw {@code value}, replacing any earlier value in place. */
    public Environment with(String name, byte[] value) {
        byte[] prefix = (name + "=").getBytes(StandardCharsets.UTF_8);
        byte[] entry = Arrays.copyOf(prefix, prefix.length + value.length);
        System.arraycopy(value, 0, entry, prefix.length, value.length);
        List<byte[]> copy = new ArrayList<>(entries.size() + 1);
        boolean replaced = false;
        for (byte[] existing : entries) {
            if (hasName(existing, name)) {
                if (!replaced) {
                    copy.add(entry);
                    replaced = true;
                }
            } else {
                copy.add(existing);
            }
        }
        if (!replaced) {
            copy.add(entry);
        }
        return new Environment(copy);
    }

    /**
     * A copy with each of {@code assignments} set in turn (a later one of the same name wins),
     * their values as the bytes {@link OsString} has them; every other entry stays as it was.
     */
    public Environment with(List<VariableAssignment> assignments) {
        Environment result = this;
        for (VariableAssignment assignment : assignments) {
            result = result.with(assignment.name(), OsString.encode(assignment.value()));
        }
        return result;
    }

    /**
     * A copy where the variable {@code from} is named {@code to}, its value and place kept; any
     * other {@code to} goes. Unchanged where {@code from} is unset.
     */
    public Environment renamed(String from, String to) {
        byte[] value = rawValue(from);
        if (value == null) {
            return this;
        }
        byte[] prefix = (to + "=").getBytes(StandardCharsets.UTF_8);
        byte[] entry = Arrays.copyOf(prefix, prefix.length + value.length);
        System.arraycopy(value, 0, entry, prefix.length, value.length);
        List<byte[]> copy = new ArrayList<>(entries.size());
        boolean placed = false;
        for (byte[] existing : entries) {
            if (hasName(existing, from) && !placed) {
                copy.add(entry);
                placed = true;
            } else if (!hasName(existing, from) && !hasName(existing, to)) {
                copy.add(existing);
            }
        }
        return new Environment(copy);
    }

    /** A copy without {@code name}. */
    public Environment without(String name) {
        List<byte[]> copy = new ArrayList<>(entries.size());
        for (byte[] existing : entries) {
            if (!hasName(existing, name)) {
                copy.add(existing);
            }
        }
        return new Environment(copy);
    }

    public List<byte[]> entries() {
        return entries;
    }

    /**
     * The variables by name, decoded by {@link OsString} so that no byte is lost; where a name
     * appears twice, the first counts, as for libc's getenv. Entries without '=' are skipped.
     */
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (byte[] entry : entries) {
            String text = OsString.decode(entry);
            int equals = text.indexOf('=');
            if (equals > 0) {
                variables.putIfAbsent(text.substring(0, equals), text.substring(equals + 1));
            }
        }
        return variables;
    }

    /** The raw value of {@code name}, or null where it is unset. */
    public byte[] rawValue(String name) {
        for (byte[] existing : entries) {
            if (hasName(existing, name)) {
                return Arrays.copyOfRange(existing, name.length() + 1, existing.length);
            }
        }
        return null;
    }

    private static boolean hasName(byte[] entry, String name) {
        byte[] prefix = (name + "=").getBytes(StandardCharsets.UTF_8);
        return entry.length >= prefix.length && Arrays.equals(entry, 0, prefix.length, prefix, 0, prefix.length);
    }
}
