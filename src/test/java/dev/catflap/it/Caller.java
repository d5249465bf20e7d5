package dev.catflap.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A caller in a chosen state that execs a command, as probe.py's caller mode: signals ignored and
 * blocked, an open-files soft limit, an environment of raw entries. The same caller starts the
 * probe directly and under catflap, so that the two can be compared.
 */
public final class Caller {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode spec = MAPPER.createObjectNode();

    public Caller ignoring(int... signals) {
        ArrayNode list = spec.putArray("ignore");
        for (int signal : signals) {
            list.add(signal);
        }
        return this;
    }

    public Caller blocking(int... signals) {
        ArrayNode list = spec.putArray("block");
        for (int signal : signals) {
            list.add(signal);
        }
        return this;
    }

    public Caller withOpenFilesLimit(int soft) {
        spec.put("nofile", soft);
        return this;
    }

    public Caller withEnvironment(List<byte[]> entries) {
        ArrayNode list = spec.putArray("environ");
        entries.forEach(entry -> list.add(HexFormat.of().formatHex(entry)));
        return this;
    }

    /** The command line that makes this caller, then execs {@code command}. */
    public List<String> exec(List<byte[]> command) {
        ArrayNode words = spec.putArray("command");
        command.forEach(word -> words.add(HexFormat.of().formatHex(word)));
        return Catflap.probe("caller", spec.toString());
    }

    /** {@link #exec(List)} for a command of UTF-8 words. */
    public List<String> execWords(List<String> command) {
        return exec(bytes(command));
    }

    public static List<byte[]> bytes(List<String> words) {
        List<byte[]> bytes = new ArrayList<>();
        words.forEach(word -> bytes.add(word.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    public static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
