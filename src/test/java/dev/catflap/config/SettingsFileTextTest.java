package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsFileTextTest {
    private static final Path FILE = Path.of("/p/.catflap.properties");
    private static final String TEXT = "catflap.port=8080\ncatflap.host=::1\n";

    @Test
    void utf8IsItsText() {
        assertEquals("catflap.command=echo é\n",
                SettingsFileText.decode(FILE, "catflap.command=echo é\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void utf8sByteOrderMarkIsSkipped() {
        byte[] bytes = ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8);
        assertEquals(TEXT, SettingsFileText.decode(FILE, bytes));
    }

    @Test
    void utf16IsRefusedWithOrWithoutAMark() {
        for (var charset : new java.nio.charset.Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE}) {
            assertEquals("/p/.catflap.properties: not UTF-8 (it looks like UTF-16); save it as UTF-8",
                    refusal(TEXT.getBytes(charset)), charset.name());
        }
        assertEquals("/p/.catflap.properties: not UTF-8 (it looks like UTF-16); save it as UTF-8",
                refusal(new byte[] {(byte) 0xFF, (byte) 0xFE}), "the mark of an empty file");
    }

    @Test
    void latin1IsRefusedNamingTheLine() {
        byte[] bytes = "# Caf\u00e9\ncatflap.port=8080\r\n\rcatflap.command=echo caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("/p/.catflap.properties:1: not UTF-8 (it looks like Latin-1 or another legacy encoding); save it as UTF-8",
                refusal(bytes));
        bytes = "catflap.port=8080\r\n\rcatflap.command=echo caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("/p/.catflap.properties:3: not UTF-8 (it looks like Latin-1 or another legacy encoding); save it as UTF-8",
                refusal(bytes));
    }

    @Test
    void aStrayNulIsRefusedNamingTheLine() {
        assertEquals("/p/.catflap.properties:3: a NUL byte, which no text holds; save it as UTF-8 text",
                refusal((TEXT + "catflap.command=echo a\u0000b\n" + TEXT + TEXT).getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusal(byte[] bytes) {
        CatflapException e = assertThrows(CatflapException.class, () -> SettingsFileText.decode(FILE, bytes));
        assertEquals(2, e.status().code());
        return e.getMessage();
    }
}
