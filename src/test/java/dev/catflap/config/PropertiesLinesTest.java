package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesLinesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "a=1\nb=2\n",
        "a=1\r\nb=2\r\n",
        "a=1\rb=2\r",
        "  a = 1 \n\t b:2\n c 3\n",
        "# comment\n! comment\n  # indented comment\na=1\n",
        "a=one \\\n   two \\\n three\nb=2",
        "a=one \\\r\n   two\r\nb=2",
        "a=even \\\\\nb=2\n",
        "a=odd \\\\\\\nb=2\n",
        "a=x \\\n# not a comment\nb=2\n",
        "a=x \\\n\nb=2\n",
        "a=x \\\n   \nb=2\n",
        "a=x \\",
        "\\\n#c\nb=2\n",
        "\\\n\nb=2\n",
        "# comment \\\nb=2\n",
        "k\\=ey=v\\u0041l\\tue\n",
        "a\n=\n:x\n",
        "\f a=1\n",
        "a=1\n\n\n\n b=2",
    })
    void readsWhatPropertiesReads(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> expected = new LinkedHashMap<>();
        properties.forEach((key, value) -> expected.put((String) key, (String) value));

        Map<String, String> read = new LinkedHashMap<>();
        PropertiesLines.of(text).forEach(entry -> read.put(entry.key(), entry.value()));

        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(read), text);
    }

    @Test
    void eachSettingIsOnTheLineItStartsOn() {
        String text = "# team defaults\n\ncatflap.port=8080\ncatflap.command=python3 \\\n    app.py \\\n    --dev\r\n"
                + "catflap.watch=src\rcatflap.port=9000\n";
        List<String> lines = new ArrayList<>();
        PropertiesLines.of(text).forEach(entry -> lines.add(entry.line() + " " + entry.key() + "=" + entry.value()));
        assertEquals(List.of("3 catflap.port=8080", "4 catflap.command=python3 app.py --dev", "7 catflap.watch=src",
                "8 catflap.port=9000"), lines);
    }

    @Test
    void aKeyWrittenTwiceIsReadTwice() {
        assertEquals(List.of(new PropertiesLines.Entry("a", "1", 1), new PropertiesLines.Entry("a", "2", 2)),
                PropertiesLines.of("a=1\na=2\n"));
    }

    @Test
    void aBadEscapeNamesItsLine() {
        PropertiesLines.MalformedLine malformed = assertThrows(PropertiesLines.MalformedLine.class,
                () -> PropertiesLines.of("a=1\nb=\\\n  x\\u12\n"));
        assertEquals(2, malformed.line());
        assertEquals("a \\u escape without four hex digits", malformed.getMessage());
    }
}
