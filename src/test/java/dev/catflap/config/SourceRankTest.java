package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.launch.CommandWords;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A source's rank is catflap's: no key in a file and no variable moves a source above or below
 * another (SmallRye reads {@code config_ordinal} from the source itself), and the keys that would
 * change how SmallRye reads configuration are no settings: ignored, with catflap's warning.
 */
class SourceRankTest {
    /** What a file might write to change its rank or how the others are read. */
    private static final String[] META = {"config_ordinal=10000", "config_ordinal=1", "config_ordinal=abc",
        "CONFIG_ORDINAL=10000", "smallrye.config.profile=x\n%x.catflap.port=7777", "quarkus.profile=x\n%x.catflap.port=7777"};

    @TempDir
    Path directory;
    private SettingsSources sources;
    private Map<String, String> environment;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        environment = sources.environment();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aProjectFileCannotRankItselfAboveTheUsersOptionsAndVariablesNorBelowTheUserFile(int meta) throws IOException {
        Files.writeString(sources.projectFile, META[meta] + "\ncatflap.host=0.0.0.0\ncatflap.port=2222\ncatflap.env=FILE_FD\n"
                + "catflap.quiet=false\ncatflap.unit-dir=file\ncatflap.unit-command=file\ncatflap.backlog=7\n");
        Files.writeString(sources.userFile, "catflap.backlog=8\ncatflap.grace=3\n");
        environment.put("CATFLAP_PORT", "1111");
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        flags.put(Setting.HOST, List.of("127.0.0.1"));
        flags.put(Setting.ENV, List.of("FLAG_FD"));
        flags.put(Setting.QUIET, List.of("true"));
        flags.put(Setting.UNIT_DIR, List.of("flag"));
        flags.put(Setting.UNIT_COMMAND, List.of("flag"));

        Settings settings = sources.load(flags, Optional.empty(), environment);

        assertEquals("127.0.0.1", settings.config().host().getHostAddress());
        assertEquals(1111, settings.config().port());
        assertEquals("FLAG_FD", settings.config().env());
        assertTrue(settings.config().quiet());
        assertEquals(Path.of("flag"), settings.config().unitDir());
        assertEquals(List.of("flag"), settings.config().unitCommand().orElseThrow().displayWords());
        assertEquals(Optional.of(7), settings.config().backlog(), "the project file still outranks the user file");
        assertEquals(sources.projectFile.toString(), settings.source(Setting.BACKLOG));
        assertEquals("3", settings.text(Setting.GRACE).orElseThrow(), "the user file still outranks the defaults");
        assertTrue(settings.warnings().contains("warning: " + sources.projectFile + ":1: " + META[meta].split("\n")[0]
                + ": unknown setting (ignored; catflap reads only catflap.* keys)"),
                settings.warnings().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void theUserFileCannotRankItselfAboveTheProjectFile(int meta) throws IOException {
        Files.writeString(sources.projectFile, "catflap.port=2222\n");
        Files.writeString(sources.userFile, META[meta] + "\ncatflap.port=3333\ncatflap.backlog=8\n");

        Settings settings = sources.load(new LinkedHashMap<>(), Optional.empty(), environment);

        assertEquals(2222, settings.config().port());
        assertEquals(Optional.of(8), settings.config().backlog(), "the user file still outranks the defaults");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void theLocalFileCannotRankItselfAboveTheUsersOptionsAndVariablesNorBelowTheProjectFile(int meta) throws IOException {
        Files.writeString(sources.projectFile, "catflap.backlog=7\ncatflap.grace=3\n");
        Files.writeString(sources.localFile, META[meta] + "\ncatflap.port=2222\ncatflap.env=FILE_FD\ncatflap.backlog=8\n");
        environment.put("CATFLAP_PORT", "1111");
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        flags.put(Setting.ENV, List.of("FLAG_FD"));

        Settings settings = sources.loadFound(flags, Optional.empty(), environment);

        assertEquals(1111, settings.config().port());
        assertEquals("FLAG_FD", settings.config().env());
        assertEquals(Optional.of(8), settings.config().backlog(), "the local file still outranks the project file");
        assertEquals(sources.localFile.toString(), settings.source(Setting.BACKLOG));
        assertEquals("3", settings.text(Setting.GRACE).orElseThrow(), "the project file still counts below it");
        assertTrue(settings.warnings().contains("warning: " + sources.localFile + ":1: " + META[meta].split("\n")[0]
                + ": unknown setting (ignored; catflap reads only catflap.* keys)"),
                settings.warnings().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void theProjectFileCannotRankItselfAboveTheLocalFile(int meta) throws IOException {
        Files.writeString(sources.projectFile, META[meta] + "\ncatflap.port=2222\ncatflap.backlog=7\n");
        Files.writeString(sources.localFile, "catflap.port=3333\n");

        Settings settings = sources.loadFound(new LinkedHashMap<>(), Optional.empty(), environment);

        assertEquals(3333, settings.config().port());
        assertEquals(Optional.of(7), settings.config().backlog(), "the project file still counts below it");
    }

    /** With no option given, the file's own non-loopback host is used, at its own rank, and said so. */
    @Test
    void aProjectFileThatRanksItselfLowStillWarnsOfItsHost() throws IOException {
        Files.writeString(sources.projectFile, "config_ordinal=1\ncatflap.host=0.0.0.0\n");

        Settings settings = sources.load(new LinkedHashMap<>(), Optional.empty(), environment);

        assertEquals("0.0.0.0", settings.config().host().getHostAddress());
        assertTrue(settings.warnings().contains("warning: " + sources.projectFile + ":2: catflap.host=0.0.0.0: "
                + "not a loopback address: other machines can connect to the command"), settings.warnings().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONFIG_ORDINAL", "config_ordinal"})
    void noVariableMovesTheEnvironmentAboveTheOptionsNorBelowTheFiles(String variable) throws IOException {
        Files.writeString(sources.projectFile, "catflap.backlog=7\n");
        environment.put("CATFLAP_PORT", "1111");
        environment.put("CATFLAP_BACKLOG", "9");
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        flags.put(Setting.PORT, List.of("8888"));
        for (String rank : List.of("10000", "1", "abc")) {
            environment.put(variable, rank);
            Settings settings = sources.load(flags, Optional.empty(), environment);
            assertEquals(8888, settings.config().port(), variable + "=" + rank);
            assertEquals(Optional.of(9), settings.config().backlog(), variable + "=" + rank);
            assertEquals("CATFLAP_BACKLOG", settings.source(Setting.BACKLOG));
        }
    }

    /** Values are taken as written: no ${...} reaches into another source (a variable, another setting). */
    @Test
    void anExpressionIsNotExpanded() throws IOException {
        environment.put("SECRET", "hunter2");
        Files.writeString(sources.projectFile, "catflap.command=echo '${SECRET}' '${catflap.port}' '${HOME}'\n");

        Settings settings = sources.load(new LinkedHashMap<>(), Optional.empty(), environment);

        assertEquals(List.of("echo", "${SECRET}", "${catflap.port}", "${HOME}"),
                settings.config().command().map(CommandWords::displayWords).orElseThrow());
        assertFalse(settings.text(Setting.COMMAND).orElseThrow().contains("hunter2"));
    }
}
