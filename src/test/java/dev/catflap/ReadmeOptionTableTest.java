package dev.catflap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's option table is written for people, in other words than --help: this checks that
 * it keeps up with {@link Setting}'s table, one row per option with its value label and default.
 */
class ReadmeOptionTableTest {
    private static final String HEADER = "| option | meaning | default |";

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void everyOptionHasItsRowWithItsDefault(Setting<?> setting) throws IOException {
        if (!setting.isOption()) {
            return;
        }
        String[] names = setting.optionNames();
        String first = "`" + String.join("`, `", names) + setting.label().map(label -> " " + label).orElse("") + "`";
        String row = optionRows().stream().filter(line -> line.startsWith("| " + first + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row | " + first + " | in the README's option table"));
        String defaultCell = row.substring(row.lastIndexOf('|', row.length() - 2) + 1, row.length() - 1).trim();
        Optional<String> value = setting.defaultValue();
        if (setting.label().isEmpty()) {
            assertTrue(defaultCell.startsWith("off"), row);
        } else if (value.isPresent()) {
            assertTrue(defaultCell.equals("`" + value.get() + "`"), row);
        }
    }

    private static List<String> optionRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, "the README has an option table");
        return lines.subList(header + 2, lines.size()).stream().takeWhile(line -> line.startsWith("|")).toList();
    }
}
