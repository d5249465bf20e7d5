package dev.catflap.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/** What probe.py reported about the process it ran in. */
public record ProbeReport(JsonNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ProbeReport parse(String stdout) {
        try {
            return new ProbeReport(MAPPER.readTree(stdout));
        } catch (java.io.IOException e) {
            throw new AssertionError("probe printed no report: " + stdout, e);
        }
    }

    public long pid() {
        return json.get("pid").asLong();
    }

    public long ppid() {
        return json.get("ppid").asLong();
    }

    /** The open fd numbers, ascending. */
    public TreeSet<Integer> fds() {
        TreeSet<Integer> fds = new TreeSet<>();
        json.get("fds").fieldNames().forEachRemaining(name -> fds.add(Integer.parseInt(name)));
        return fds;
    }

    public JsonNode fd(int fd) {
        return json.get("fds").get(Integer.toString(fd));
    }

    public JsonNode socket(int fd) {
        return fd(fd).get("socket");
    }

    /** The arguments after the probe's mode, raw. */
    public List<byte[]> argv() {
        return bytes(json.get("argv"));
    }

    /** Every NAME=value entry, raw, sorted by their hex form. */
    public List<byte[]> environ() {
        return bytes(json.get("environ"));
    }

    /** The environment exactly as the probe's execve received it: in order, duplicates and all. */
    public List<byte[]> environRaw() {
        return bytes(json.get("environ_raw"));
    }

    public List<String> environRawHex() {
        List<String> hex = new ArrayList<>();
        json.get("environ_raw").forEach(entry -> hex.add(entry.asText()));
        return hex;
    }

    public List<String> environHex() {
        List<String> hex = new ArrayList<>();
        json.get("environ").forEach(entry -> hex.add(entry.asText()));
        return hex;
    }

    public String sigblk() {
        return json.get("sigblk").asText();
    }

    public String sigign() {
        return json.get("sigign").asText();
    }

    public long nofileSoft() {
        return json.get("nofile").get(0).asLong();
    }

    public long nofileHard() {
        return json.get("nofile").get(1).asLong();
    }

    private static List<byte[]> bytes(JsonNode hexes) {
        List<byte[]> list = new ArrayList<>();
        hexes.forEach(hex -> list.add(HexFormat.of().parseHex(hex.asText())));
        return list;
    }
}
