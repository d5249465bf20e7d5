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
 * (e.g. u009b: UTF-8's bytes 0xC2 0x80-0x9F, which UTF-8 terminals act on), and by {@code x}
 * for a byte 0x80-0x9F that is not part of UTF-8 (the 8-bit controls of other terminals). Invisible
 * characters are shown so too ({@code u} and four hex digits, {@code U} and eight beyond the BMP): the
 * format characters (a BOM, a zero-width space) and the spaces that are not ASCII's (a no-break
 * space), which would make a wrong key or value look right. A backslash
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
    /** Where {@link OsString} puts a byte that is not UTF-8: U+DC00 plus the byte. */
    private static final int ESCAPED_BYTE = 0xdc00;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CatflapLine() {
    }

    /** The whole line for {@code message}: prefix, escaped message, newline. */
    public static byte[] bytes(String message) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(PREFIX.getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(plain(message));
        return line.toByteArray();
    }

    /**
     * {@code text} as a line of output without catflap's prefix, escaped alike: what
     * {@code --show-config} prints of files' names and values on stdout.
     */
    public static byte[] plain(String text) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(escaped(OsString.encode(text)));
        line.write('\n');
        return line.toByteArray();
    }

    /**
     * {@code bytes} with every C0 control, DEL and C1 control escaped: a C1 control written in
     * UTF-8 (0xC2 0x80-0x9F) and one that stands alone, not part of any UTF-8 (a byte 0x80-0x9F,
     * the 8-bit controls some terminals act on). Other bytes, valid UTF-8 or not, are left as
     * they are: a name is shown as given.
     */
    static byte[] escaped(byte[] bytes) {
        String text = OsString.decode(bytes);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i); // a lone surrogate (an escaped byte) is a code point of its own
            if (c < 0x20 || c == DEL) {
                out.append(control(c));
            } else if (isC1(c)) {
                out.append("\\u00").append(hex(c));
            } else if (isC1(c - ESCAPED_BYTE)) {
                out.append("\\x").append(hex(c - ESCAPED_BYTE));
            } else if (isInvisible(c)) {
                out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return OsString.encode(out.toString());
    }

    /**
     * Whether a character of valid UTF-8 text is shown escaped in catflap's lines: C0 controls,
     * DEL, C1 controls and the invisible ones ({@link #isInvisible}). Text that must be shown as
     * it is meant (the units' try-it line) cannot hold one.
     */
    public static boolean isShownEscaped(int c) {
        return c < 0x20 || c == DEL || isC1(c) || isInvisible(c);
    }

    /**
     * A format character (Unicode's Cf: a BOM, a zero-width space or joiner, a direction mark) or
     * a space that is not ASCII's (a no-break space, U+2028): shown raw, U+FEFF before {@code catflap.port}
     * would look like a key that is right, {@code 0} and U+00A0 like a value with nothing around it.
     */
    private static boolean isInvisible(int c) {
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isC1(int c) {
        return c >= 0x80 && c <= 0x9f;
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
}
