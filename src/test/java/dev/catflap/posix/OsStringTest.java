package dev.catflap.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OsStringTest {
    @Test
    void validUtf8IsTheTextItIs() {
        assertEquals("caf\u00e9 \ud83d\ude00", OsString.decode("caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8)));
        assertFalse(OsString.hasEscapes("caf\u00e9 \ud83d\ude00"));
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedAndComeBack() {
        byte[] bytes = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0xe2, (byte) 0x82};
        String text = OsString.decode(bytes);
        assertEquals("a\udcffb\udcc3\udce2\udc82", text);
        assertTrue(OsString.hasEscapes(text));
        assertArrayEquals(bytes, OsString.encode(text));
    }

    @Test
    void anyBytesComeBackUnchanged() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, OsString.encode(OsString.decode(bytes)));
        }
    }

    @Test
    void aPathKeepsItsBytesThatAreNotUtf8() {
        // toString() shows the byte 0xff as U+FFFD, which names no file
        assertEquals("/tmp/d\udcff/a\udcffb.log", OsString.of(Path.of(URI.create("file:///tmp/d%FF/a%FFb.log"))));
        Path relative = Path.of("").toAbsolutePath().relativize(Path.of(URI.create("file:///w/a%FFb")).toAbsolutePath());
        assertEquals(relative.toString().replace("\ufffd", "\udcff"), OsString.of(relative));
        assertEquals("src/caf\u00e9.py", OsString.of(Path.of("src/caf\u00e9.py")));
    }

    @Test
    void aSurrogatePairIsNotAnEscape() {
        String text = "\ud800\udc80"; // U+10080, whose low half lies in the escapes' range
        assertFalse(OsString.hasEscapes(text));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), OsString.encode(text));
    }
}
