package dev.catflap.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The settings of a properties file in the order written, each with the number of the line it
 * starts on, so that every message about one can name its line ({@code FILE:7: catflap.port=x: ...}),
 * and a key written twice is seen as such rather than silently replaced.
 *
 * <p>{@link Properties} reads the keys and values, so that escapes, separators and blanks mean
 * exactly what they always meant; it only tells neither lines nor repeats. So the text is first cut
 * here into its logical lines, by the rules of {@code Properties.load}: blank lines and comment lines
 * ({@code #} or {@code !} first) hold no setting, and a line ending in an odd number of backslashes
 * goes on on the next, whose leading blanks are skipped. Each logical line is then loaded on its
 * own, as the text it was written as.
 */
final class PropertiesLines {
    /** One setting as written: its key and value as Properties reads them, on the line it starts on. */
    record Entry(String key, String value, int line) {
    }

    /** A line Properties cannot read, by the number of the line it starts on. */
    static final class MalformedLine extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;

        MalformedLine(int line, String reason) {
            super(reason);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private final String text;
    private final List<Entry> entries = new ArrayList<>();
    private int i;
    private int line = 1;

    private PropertiesLines(String text) {
        this.text = text;
    }

    /**
     * The settings in {@code text}, in order, a repeated key as often as it is written.
     *
     * @throws MalformedLine for a {@code \}u escape without four hex digits
     */
    static List<Entry> of(String text) {
        PropertiesLines lines = new PropertiesLines(text);
        lines.read();
        return lines.entries;
    }

    private void read() {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f') {
                i++;
            } else if (c == '\r' || c == '\n') {
                lineEnd();
            } else if (c == '#' || c == '!') {
                skipToLineEnd();
            } else {
                int first = line;
                int start = i;
                if (logicalLine()) {
                    load(text.substring(start, i), first);
                }
            }
        }
    }

    /**
     * Up to the end of a logical line: past every line that ends in an odd number of backslashes.
     *
     * @return whether it is a setting; lines of nothing but a backslash before an empty line are
     *     none, to Properties
     */
    private boolean logicalLine() {
        int characters = 0;
        while (true) {
            boolean backslash = false;
            while (i < text.length() && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                backslash = text.charAt(i) == '\\' && !backslash;
                characters++;
                i++;
            }
            if (!backslash || i == text.length()) {
                return true;
            }
            characters--; // the backslash that goes on is no character of the line
            lineEnd();
            // Properties skips the next line's leading blanks; an empty line there ends the value.
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\f')) {
                i++;
            }
            if (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
                return characters > 0;
            }
        }
    }

    private void skipToLineEnd() {
        while (i < text.length() && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
            i++;
        }
    }

    /** Past one line break: \n, \r\n or \r, as Properties and editors count them. */
    private void lineEnd() {
        if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
        }
        i++;
        line++;
    }

    private void load(String logicalLine, int first) {
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                entries.add(new PropertiesLines.Entry((String) key, (String) value, first));
                return null;
            }
        };
        try {
            properties.load(new StringReader(logicalLine));
        } catch (IllegalArgumentException e) {
            // Properties' only complaint
            throw new MalformedLine(first, "a \\u escape without four hex digits");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }
}
