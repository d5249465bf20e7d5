package dev.catflap.posix;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The system's byte strings (arguments, environment entries, file names) as Java strings and
 * back, without losing a byte: UTF-8, where each byte that is not part of valid UTF-8 becomes the
 * lone surrogate U+DC80-U+DCFF and turns back into that byte (Python's "surrogateescape"). Valid
 * UTF-8 reads as the text it is, so a {@code café} given under any locale is the file named so;
 * a name with other bytes, such as Latin-1's {@code \xff}, still names the file the user meant
 * where it reaches the system as bytes (a Unix socket's path, the command's words). Java's own
 * file API cannot take such a string: it refuses it rather than naming another file.
 */
public final class OsString {
    private static final int ESCAPE_BASE = 0xDC00;

    private OsString() {
    }

    /** {@code bytes} as a string, each byte that is not valid UTF-8 escaped as a lone surrogate. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            // malformed: escape the bytes the decoder could not take, and go on after them
            for (int i = 0; i < result.length(); i++) {
                out.put((char) (ESCAPE_BASE + (in.get() & 0xff)));
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The bytes {@code text} stands for: UTF-8, each escaped byte its own byte again. */
    public static byte[] encode(String text) {
        if (!hasEscapes(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 8);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                bytes.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                bytes.write(text.charAt(i) - ESCAPE_BASE);
                start = i + 1;
            }
        }
        bytes.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** Whether {@code text} holds bytes that are not UTF-8, which Java's file API cannot name. */
    public static boolean hasEscapes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code path} with its own bytes ({@link #decode}), where {@link Path#toString} shows those
     * that are not UTF-8 as U+FFFD, which names no file. A path keeps its bytes, and its URI
     * writes each of them that is not ASCII as %XX: they are read back from there. A relative
     * path stays relative (the working directory's bytes are taken off).
     */
    public static String of(Path path) {
        String text = path.toString();
        if (text.indexOf('\uFFFD') < 0 && StandardCharsets.UTF_8.equals(javaCharset())) {
            return text; // valid UTF-8, which the JVM decoded as it is
        }
        byte[] absolute = uriBytes(path.toAbsolutePath());
        if (path.isAbsolute()) {
            return decode(absolute);
        }
        byte[] base = uriBytes(Path.of("").toAbsolutePath());
        int start = base.length == 1 ? 1 : base.length + 1; // below / or below the working directory and its /
        return start >= absolute.length ? text : decode(Arrays.copyOfRange(absolute, start, absolute.length));
    }

    /** The bytes of an absolute path, from its URI's %XX escapes; without the / a directory's URI ends with. */
    private static byte[] uriBytes(Path absolute) {
        String raw = absolute.toUri().getRawPath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        int length = bytes.size();
        byte[] all = bytes.toByteArray();
        return length > 1 && all[length - 1] == '/' ? Arrays.copyOf(all, length - 1) : all;
    }

    /**
     * The charset the JVM itself decodes arguments with and encodes file names in (its
     * {@code sun.jnu.encoding}, from the locale): what Java's own strings of those are in.
     */
    public static Charset javaCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Whether the character at {@code i} of {@code text} stands for a byte that is not UTF-8 ({@link #decode}). */
    public static boolean isEscapedByte(String text, int i) {
        return isEscape(text, i);
    }

    /** A low surrogate in U+DC80-U+DCFF that does not complete a pair: an escaped byte. */
    private static boolean isEscape(String text, int i) {
        char c = text.charAt(i);
        return c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
