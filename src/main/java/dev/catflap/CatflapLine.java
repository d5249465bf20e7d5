package dev.catflap;

import dev.catflap.posix.OsString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A line of catflap's own on stderr, as the bytes written: the prefix, the message, a newline.
 * Messages quote what users and files wrote (commands, paths, values), and a terminal acts on the
 * control characters in them: an ESC sequence could erase or forge catflap's lines, a CR or newline
 * could fake one. So every control character is shown escaped, as C and shells write them: a
 * backslash followed by {@code e n r t} for ESC, LF, CR, TAB, by {@code x} and two hex digits for
 * the other C0 controls and DEL (e.g. x7f), by {@code u} and four hex digits for the C1 controls
 * (e.g. u009b: UTF-8's bytes 0xC2 0x80-0x9F, which UTF-8 terminals act on). A backslash
 * is left as it is: commands are quoted as written in shell syntax, where backslashes are the
 * user's own quoting, and doubling them would show something else than the user wrote; the cost
 * is that a literal {@code \e} in a value reads like an escaped ESC. It works on the bytes the
 * message stands for ({@link OsString}), so that names and values reach stderr as the user's own
 * bytes wherever they are not escaped.
 */
public final class CatflapLine {
    public static final String PREFIX = "[catflap] ";
    private static final byte ESC = 0x1b;
    private static final byte DEL = 0x7f;
    private static final int UTF8_C1_LEAD = 0xc2;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CatflapLine() {
    }

    /** The whole line for {@code message}: prefix, escaped message, newline. */
    public static byte[] bytes(String message) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(PREFIX.getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(escaped(OsString.encode(message)));
        line.write('\n');
        return line.toByteArray();
    }

    /** {@code bytes} with every C0 control, DEL and UTF-8 C1 control escaped. */
    static byte[] escaped(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == UTF8_C1_LEAD && i + 1 < bytes.length && isC1((bytes[i + 1] & 0xff))) {
                ascii(out, "\\u00" + hex(bytes[++i] & 0xff));
            } else if (b < 0x20 || b == DEL) {
                ascii(out, control(b));
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static boolean isC1(int b) {
        return b >= 0x80 && b <= 0x9f;
    }

    private static String control(int b) {
        return switch (b) {
            case ESC -> "\\e";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> "\\x" + hex(b);
        };
    }

    private static String hex(int b) {
        return new String(new char[] {HEX[b >> 4], HEX[b & 0xf]});
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
