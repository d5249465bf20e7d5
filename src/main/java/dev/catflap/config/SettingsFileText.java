package dev.catflap.config;

import dev.catflap.CatflapException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text of a settings file, which is UTF-8. A file in another encoding is refused in one line
 * that says which it looks like and what to do, never read as something it is not: read as
 * UTF-8, a UTF-16 file is every other byte NUL, its keys {@code c\0a\0t\0...} all unknown, and the
 * team's settings would be lost behind a screen of warnings.
 */
final class SettingsFileText {
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16_BIG_ENDIAN_MARK = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF16_LITTLE_ENDIAN_MARK = {(byte) 0xFF, (byte) 0xFE};
    private static final String SAVE_AS_UTF8 = "; save it as UTF-8";

    private SettingsFileText() {
    }

    /**
     * The text of {@code bytes}, the content of {@code path}.
     *
     * @throws CatflapException exit 2 for bytes that are not UTF-8 text, naming the file and, where
     *     one line is at fault, the line
     */
    static String decode(Path path, byte[] bytes) {
        if (startsWith(bytes, UTF16_BIG_ENDIAN_MARK) || startsWith(bytes, UTF16_LITTLE_ENDIAN_MARK) || mostlyNul(bytes)) {
            throw CatflapException.usage(path + ": not UTF-8 (it looks like UTF-16)" + SAVE_AS_UTF8);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw CatflapException.usage(path + ":" + lineAt(bytes, i) + ": a NUL byte, which no text holds"
                        + SAVE_AS_UTF8 + " text");
            }
        }
        // Editors on Windows start UTF-8 with a byte order mark. It says UTF-8, so it is accepted
        // and skipped: Properties would take it as part of the first key, whose setting would then
        // be unknown and lost.
        int start = startsWith(bytes, UTF8_BYTE_ORDER_MARK) ? UTF8_BYTE_ORDER_MARK.length : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never has fewer bytes than chars
        // A strict decoder: invalid UTF-8 is an error, not silently replaced characters.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw CatflapException.usage(path + ":" + lineAt(bytes, in.position())
                    + ": not UTF-8 (it looks like Latin-1 or another legacy encoding)" + SAVE_AS_UTF8);
        }
        return out.flip().toString();
    }

    /**
     * UTF-16 without a byte order mark: in text of ASCII characters, as a settings file's keys are,
     * every other byte is NUL. A quarter tells it from a stray NUL in UTF-8, which is said as such.
     */
    private static boolean mostlyNul(byte[] bytes) {
        int nul = 0;
        for (byte b : bytes) {
            nul += b == 0 ? 1 : 0;
        }
        return nul > 0 && nul >= bytes.length / 4;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The number of the line that byte {@code position} is on, lines ending as Properties ends them (\n, \r\n, \r). */
    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }
}
