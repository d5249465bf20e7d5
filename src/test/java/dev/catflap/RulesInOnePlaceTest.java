package dev.catflap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of these rules is written in one file of the main sources, so that a change to it cannot
 * miss a copy (issue 24, item 6): a new copy elsewhere fails here. Each mark is what the rule's
 * code cannot do without; the test first finds it in its one file, so that a renamed rule does
 * not pass by being found nowhere.
 */
class RulesInOnePlaceTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # the default socket: without -l, the -h/-p shorthand's one TCP socket
            ListenSpec.tcp(                    | dev/catflap/config/CatflapConfig.java
            # the names counted against the sockets
            give one --fdname per socket       | dev/catflap/config/Combinations.java
            # a setting given as an option outside its mode (--systemd, --watch, --systemd-units)
            only applies with                  | dev/catflap/config/Combinations.java
            # a name mapped to a variable's, as SmallRye does (catflap.x-y, CATFLAP_X_Y)
            .toUpperCase(Locale.ROOT)          | dev/catflap/config/Setting.java
            # the signals: how many Linux has
            LAST_SIGNAL =                      | dev/catflap/posix/LibcSignals.java
            """)
    void writtenInOneFile(String mark, String file) throws IOException {
        Path sources = SourceTree.SOURCES;
        List<String> holders = SourceTree.files(sources, ".java").stream()
                .filter(path -> SourceTree.read(path).contains(mark))
                .map(path -> sources.relativize(path).toString().replace('\\', '/')).toList();
        assertEquals(List.of(file), holders, "the files that write " + mark);
    }
}
