package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.supervise.IgnoreGlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message about a file's content names the file and the line, as {@code FILE:LINE: key=value: ...}. */
class FileLinesTest {
    @TempDir
    Path directory;
    private SettingsSources sources;

    @BeforeEach
    void sources() throws IOException {
        sources = new SettingsSources(directory);
    }

    @Test
    void aBadValueNamesTheLineItStartsOn() throws IOException {
        Files.writeString(sources.projectFile, "# team\n\ncatflap.host=::1\ncatflap.backlog=\\\n  lots\n");
        assertEquals(sources.projectFile + ":4: catflap.backlog=lots: " + refusalOf(Setting.BACKLOG, "lots"), refusal());
    }

    @Test
    void aContradictionNamesBothLines() throws IOException {
        Files.writeString(sources.userFile, "catflap.port=8080\n");
        Files.writeString(sources.projectFile, "catflap.listen=127.0.0.1:9000\n\ncatflap.port=8081\n");
        assertEquals(sources.projectFile + ":3: catflap.port=8081: cannot be combined with catflap.listen=127.0.0.1:9000 ("
                + sources.projectFile + ":1); add 127.0.0.1:8081 to catflap.listen in " + sources.projectFile + " instead", refusal());
    }

    @Test
    void aKeyGivenTwiceIsAWarningNamingBothLinesAndTheLaterCounts() throws IOException {
        Files.writeString(sources.projectFile, "catflap.port=8080\ncatflap.grace=2\n\ncatflap.port=9000\n");
        Settings settings = load();
        assertEquals(9000, settings.config().port());
        assertEquals(List.of("warning: " + sources.projectFile + ":4: catflap.port=9000: given again (first at line 1); "
                + "line 4's value counts"), settings.warnings());
    }

    @Test
    void unknownKeysAreWarnedOfByLine() throws IOException {
        Files.writeString(sources.userFile, "catflap.prot=80\nquarkus.http.port=8080\n");
        assertEquals(List.of("warning: " + sources.userFile + ":1: catflap.prot=80: unknown setting (ignored)",
                "warning: " + sources.userFile + ":2: quarkus.http.port=8080: unknown setting (ignored; catflap reads only catflap.* keys)"),
                load().warnings());
    }

    @Test
    void aHashWordInAnyValueIsRefusedByLine() throws IOException {
        String hint = "'#' starts no comment inside a value; put the comment on a line of its own";
        Files.writeString(sources.projectFile, "catflap.port=8080\ncatflap.unit-dir=deploy # production\n");
        assertEquals(sources.projectFile + ":2: catflap.unit-dir=deploy # production: " + hint, refusal(), "as written");
        Files.writeString(sources.projectFile, "catflap.port=8080 # the team's\n");
        assertEquals(sources.projectFile + ":1: catflap.port=8080 # the team's: " + hint, refusal());
        Files.writeString(sources.projectFile, "catflap.port=8080\ncatflap.command=python3 argv.py # dev server\n");
        assertEquals(sources.projectFile + ":2: catflap.command=python3 argv.py # dev server: " + hint + ", or quote it to pass it",
                refusal());
        Files.writeString(sources.projectFile, "\ncatflap.ignore=*.pyc, #*#\n");
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_WATCH", directory.toString());
        assertEquals(sources.projectFile + ":2: catflap.ignore=*.pyc, #*#: " + hint + ", or quote it to pass it",
                assertThrows(CatflapException.class, () -> sources.load(new LinkedHashMap<>(), Optional.empty(), environment))
                        .getMessage());
    }

    @Test
    void quotedListElementsAreTheirText() throws IOException {
        Files.writeString(sources.projectFile, "catflap.watch=\".\"\ncatflap.ignore=\"*.pyc\", '*.tmp', \"#*#\", '*.{js,ts}'\n");
        Settings settings = load();
        assertEquals(List.of("*.pyc", "*.tmp", "#*#", "*.{js,ts}"),
                settings.config().ignore().orElseThrow().stream().map(IgnoreGlob::text).toList());
        assertEquals(Optional.of(List.of(directory)), settings.config().watch().map(paths -> paths.stream().map(Path::normalize).toList()));
    }

    @Test
    void aBadEscapeNamesItsLine() throws IOException {
        Files.writeString(sources.projectFile, "catflap.port=8080\ncatflap.command=echo \\u12\n");
        assertEquals(sources.projectFile + ":2: not a properties file: a \\u escape without four hex digits", refusal());
    }

    private Settings load() {
        return sources.load(new LinkedHashMap<>(), Optional.empty(), sources.environment());
    }

    private String refusal() {
        return assertThrows(CatflapException.class, this::load).getMessage();
    }

    private static String refusalOf(Setting<?> setting, String text) {
        return assertThrows(IllegalArgumentException.class, () -> setting.parse(text)).getMessage();
    }
}
