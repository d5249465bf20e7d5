package dev.catflap.launch;

import dev.catflap.posix.OsString;
import java.util.ArrayList;
import java.util.List;

/**
 * The command and its arguments as the bytes the command gets: the caller's own bytes for words
 * from the command line (read exactly by {@link CallerArguments}), UTF-8 for words from a
 * configuration file, which is read in UTF-8. Words from the command line go from argv to execve
 * as this value: never written as one line and split again.
 */
public final class CommandWords {
    private final List<byte[]> words;

    private CommandWords(List<byte[]> words) {
        this.words = List.copyOf(words);
    }

    /** The bytes of {@code words}, each as {@link OsString} has it. */
    public static CommandWords of(List<String> words) {
        List<byte[]> encoded = new ArrayList<>();
        for (String word : words) {
            encoded.add(OsString.encode(word));
        }
        return new CommandWords(encoded);
    }

    public List<byte[]> words() {
        return words;
    }

    /** The words as {@link OsString} has them, for messages and {@code --show-config}. */
    public List<String> displayWords() {
        List<String> decoded = new ArrayList<>();
        for (byte[] word : words) {
            decoded.add(OsString.decode(word));
        }
        return decoded;
    }

    public byte[] name() {
        return words.get(0);
    }

    /** The command's name for messages. */
    public String displayName() {
        return OsString.decode(words.get(0));
    }
}
