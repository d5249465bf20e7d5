package dev.catflap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatflapLineTest {
    private static String escaped(byte... bytes) {
        return new String(CatflapLine.escaped(bytes), StandardCharsets.ISO_8859_1);
    }

    @Test
    void controlCharactersAreShownEscaped() {
        assertEquals("a\\e[2K\\rb\\nc\\td", escaped("a\u001b[2K\rb\nc\td".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("\\x00\\x07\\x1f\\x7f", escaped((byte) 0, (byte) 7, (byte) 0x1f, (byte) 0x7f));
    }

    @Test
    void utf8C1ControlsAreShownEscapedAndOtherUtf8Kept() {
        assertEquals("\\u009b31m", escaped((byte) 0xc2, (byte) 0x9b, (byte) '3', (byte) '1', (byte) 'm'));
        assertEquals("\\u0080", escaped((byte) 0xc2, (byte) 0x80));
        // é (C3 A9), Ā (C4 80) and ¡ (C2 A1) are text, not controls
        byte[] text = "éĀ¡".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(text, StandardCharsets.ISO_8859_1), escaped(text));
        // a lone 0xC2 at the end is left as it is
        assertEquals("\u00c2", escaped((byte) 0xc2));
    }

    @Test
    void eightBitControlsOutsideUtf8AreShownEscapedAndOtherBytesKept() {
        assertEquals("\\x9b2Kcmd", escaped((byte) 0x9b, (byte) '2', (byte) 'K', (byte) 'c', (byte) 'm', (byte) 'd'));
        assertEquals("\u00ff\\x80", escaped((byte) 0xff, (byte) 0x80));
        // U+10080 (F0 90 82 80) is text, though its UTF-16 low half lies where escaped bytes do
        byte[] text = "\ud800\udc80".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(text, StandardCharsets.ISO_8859_1), escaped(text));
    }

    @Test
    void formatCharactersAndOtherSpacesAreShownEscaped() {
        // a BOM, a zero-width space, a right-to-left override; a no-break space, an ideographic space, a line separator
        assertEquals("\\ufeffa\\u200bb\\u202ec", escaped("\ufeffa\u200bb\u202ec".getBytes(StandardCharsets.UTF_8)));
        assertEquals("0\\u00a0\\u3000\\u2028", escaped("0\u00a0\u3000\u2028".getBytes(StandardCharsets.UTF_8)));
        // beyond the BMP: a language tag (U+E0001)
        assertEquals("\\U000e0001x", escaped(new String(Character.toChars(0xe0001)).concat("x").getBytes(StandardCharsets.UTF_8)));
        // an ASCII space, and visible text of other scripts, stay
        byte[] text = "a b ü 日本 😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(new String(text, StandardCharsets.ISO_8859_1), escaped(text));
    }

    @Test
    void backslashesAreTheUsers() {
        assertEquals("say \\\"hi\\\" a\\ b", escaped("say \\\"hi\\\" a\\ b".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aLineIsPrefixedAndEndsInOneNewline() {
        assertEquals("[catflap] two\\nlines\n", new String(CatflapLine.bytes("two\nlines"), StandardCharsets.ISO_8859_1));
    }
}
