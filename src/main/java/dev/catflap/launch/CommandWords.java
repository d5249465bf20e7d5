package dev.catflap.launch;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command and its arguments as the bytes the caller passed. Java decodes arguments with the
 * platform charset, which loses bytes that are not valid in it (e.g. {@code \xff} under
 * {@code LC_ALL=C}); {@code /proc/self/cmdline} still has them. The command is always the tail of
 * catflap's own arguments, so its words are the last ones there. A command from a configuration
 * file was never an argument: {@link #ofText} encodes its words.
 */
public final class CommandWords {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private final List<byte[]> words;

    private CommandWords(List<byte[]> words) {
        this.words = List.copyOf(words);
    }

    /**
     * The raw bytes of {@code decoded}, the last words of this process's arguments. Where the
     * process's arguments do not end with them (in dev mode, Maven's arguments are there), the
     * decoded words are encoded again.
     */
    public static CommandWords of(List<String> decoded) {
        Charset charset = platformCharset();
        List<byte[]> raw = lastArguments(decoded.size());
        if (raw != null && decodesTo(raw, decoded, charset)) {
            return new CommandWords(raw);
        }
        List<byte[]> encoded = new ArrayList<>();
        for (String word : decoded) {
            encoded.add(word.getBytes(charset));
        }
        return new CommandWords(encoded);
    }

    /**
     * The bytes of words that were never arguments, such as a command written in a configuration
     * file: encoded in UTF-8, the encoding the files are read in, so they reach the command as
     * they were in the file.
     */
    public static CommandWords ofText(List<String> words) {
        List<byte[]> encoded = new ArrayList<>();
        for (String word : words) {
            encoded.add(word.getBytes(StandardCharsets.UTF_8));
        }
        return new CommandWords(encoded);
    }

    public List<byte[]> words() {
        return words;
    }

    public byte[] name() {
        return words.get(0);
    }

    /** The command's name for messages. */
    public String displayName() {
        return new String(words.get(0), platformCharset());
    }

    private static List<byte[]> lastArguments(int count) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(CMDLINE);
        } catch (IOException e) {
            return null;
        }
        List<byte[]> all = NulTerminated.split(cmdline);
        return all.size() < count ? null : all.subList(all.size() - count, all.size());
    }

    private static boolean decodesTo(List<byte[]> raw, List<String> decoded, Charset charset) {
        for (int i = 0; i < raw.size(); i++) {
            if (!new String(raw.get(i), charset).equals(decoded.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The charset the JVM decoded arguments and environment with. */
    static Charset platformCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
