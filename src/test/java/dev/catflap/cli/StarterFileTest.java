package dev.catflap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.config.Setting;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The starter file of catflap --init: every row of the table, commented out, and nothing set. */
class StarterFileTest {
    private static final List<String> LINES = StarterFile.text().lines().toList();

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void everyKeyIsThereCommentedOutWithItsDefault(Setting<?> setting) {
        String line = "#" + setting.key() + "=" + (setting.isRelativeToTheFile() ? "" : setting.defaultValue().orElse(""));
        assertTrue(LINES.contains(line), line + " missing from:\n" + StarterFile.text());
        int at = LINES.indexOf(line);
        String help = String.join(" ", LINES.subList(Math.max(0, at - 12), at)).replace("# ", " ").replaceAll(" +", " ");
        String firstWords = setting.description().substring(0, Math.min(30, setting.description().length()));
        assertTrue(help.contains(firstWords), setting.key() + "'s help missing above its line in:\n" + StarterFile.text());
        assertTrue(help.contains(setting.environmentVariable()), help);
    }

    /**
     * unit-dir's default, ., is the working directory as an option, but the file's directory in
     * the file: its line, uncommented as it is, must not move the units. Left empty, it unsets.
     */
    @Test
    void aRelativePathsDefaultIsNotSuggestedInTheFile() {
        assertTrue(LINES.contains("#catflap.unit-dir="), StarterFile.text());
        assertTrue(LINES.stream().noneMatch(line -> line.startsWith("#catflap.unit-dir=.")), StarterFile.text());
        String help = String.join(" ", LINES).replace("# ", " ").replaceAll(" +", " ");
        assertTrue(help.contains("The directory to write the units in (default: the working directory). A relative DIR is "
                + "the working directory's as an option or variable, the file's directory's in a file."), help);
    }

    @Test
    void itSetsNothing() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(StarterFile.text()));
        assertEquals(0, properties.stringPropertyNames().size(), "keys set: " + properties.stringPropertyNames());
    }

    @Test
    void everyLineIsACommentOrBlankAndFitsTheWidth() {
        for (String line : LINES) {
            assertTrue(line.isEmpty() || line.startsWith("#"), "not a comment: " + line);
            assertTrue(line.length() <= 78, "longer than 78 columns: " + line);
        }
    }

    @Test
    void theHeaderSaysWhatTheFileIsAndWhereYourOwnValuesGo() {
        String header = String.join(" ", LINES.subList(0, 14)).replace("# ", "");
        assertTrue(header.contains("catflap --init"), header);
        assertTrue(header.contains(".catflap.local.properties"), header);
        assertTrue(header.contains(".gitignore"), header);
    }

    @Test
    void aLongParagraphIsWrappedAtSpaces() {
        StringBuilder text = new StringBuilder();
        StarterFile.comment(text, "word ".repeat(40).strip());
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.size() > 1, text.toString());
        lines.forEach(line -> assertTrue(line.length() <= 78 && line.startsWith("# word"), line));
        assertEquals(40, text.toString().split("word", -1).length - 1, text.toString());
    }
}
