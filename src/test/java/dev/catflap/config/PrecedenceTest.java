package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which source wins, for every pair of them: flags, then CATFLAP_* variables, the local file, the
 * project file, the user file, the built-in defaults. In process, on files in a temporary directory.
 */
class PrecedenceTest {
    /** catflap's sources, highest first. */
    enum Source { FLAG, VARIABLE, LOCAL_FILE, PROJECT_FILE, USER_FILE, DEFAULT }

    @TempDir
    Path directory;
    private SettingsSources sources;
    private Path projectFile;
    private Path localFile;
    private Path userFile;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        projectFile = sources.projectFile;
        localFile = sources.localFile;
        userFile = sources.userFile;
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        Source[] sources = Source.values();
        for (int higher = 0; higher < sources.length; higher++) {
            for (int lower = higher + 1; lower < sources.length; lower++) {
                pairs.add(Arguments.of(sources[higher], sources[lower]));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("pairs")
    void theHigherSourceWins(Source higher, Source lower) throws IOException {
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        Map<String, String> environment = environment();
        set(lower, "2222", flags, environment);
        set(higher, "1111", flags, environment);

        Settings settings = load(flags, environment);

        String expected = higher == Source.DEFAULT ? Setting.PORT.defaultValue().orElseThrow() : "1111";
        assertEquals(Optional.of(expected), settings.text(Setting.PORT));
        assertEquals(expected, Integer.toString(settings.config().port()));
        assertEquals(sourceName(higher), settings.source(Setting.PORT));
    }

    @Test
    void eachSourceAloneIsNamedAsTheUserWroteIt() throws IOException {
        for (Source source : Source.values()) {
            Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
            Map<String, String> environment = environment();
            Files.writeString(projectFile, "");
            Files.deleteIfExists(userFile);
            Files.deleteIfExists(localFile);
            set(source, "eighty", flags, environment);
            String message = source == Source.DEFAULT ? null
                    : assertThrows(CatflapException.class, () -> load(flags, environment)).getMessage();
            String expected = switch (source) {
                case FLAG -> "-p/--port eighty: not a port number (0-65535)";
                case VARIABLE -> "CATFLAP_PORT=eighty: not a port number (0-65535)";
                case LOCAL_FILE -> localFile + ":1: catflap.port=eighty: not a port number (0-65535)";
                case PROJECT_FILE -> projectFile + ":1: catflap.port=eighty: not a port number (0-65535)";
                case USER_FILE -> userFile + ":1: catflap.port=eighty: not a port number (0-65535)";
                case DEFAULT -> null;
            };
            assertEquals(expected, message, source.toString());
        }
    }

    @Test
    void theDefaultsAreTheTables() throws IOException {
        Settings settings = load(new LinkedHashMap<>(), environment());
        for (Setting<?> setting : Setting.values()) {
            assertEquals(setting.defaultValue(), settings.text(setting), setting.key());
            assertEquals("default", settings.source(setting), setting.key());
        }
        assertEquals(5000, settings.config().port());
        assertTrue(settings.config().backlog().isEmpty());
    }

    @Test
    void aVariableNoSettingHasIsWarnedOf() throws IOException {
        Map<String, String> environment = environment();
        environment.put("CATFLAP_PROT", "80");
        environment.put("CATFLAP_JAVA_OPTS", "-Xmx64m");
        environment.put("CATFLAP_DEBUG", "1");
        assertEquals(List.of("warning: unknown variable CATFLAP_PROT in the environment (ignored)"),
                load(new LinkedHashMap<>(), environment).warnings());
    }

    /** --config names the project settings in full: the local file beside it is not read. */
    @Test
    void aFileNamedWithConfigTakesNoLocalFile() throws IOException {
        Files.writeString(projectFile, "catflap.port=2222\n");
        Files.writeString(localFile, "catflap.port=1111\n");

        Settings settings = sources.load(new LinkedHashMap<>(), Optional.empty(), environment());

        assertEquals(2222, settings.config().port());
        assertEquals(Optional.empty(), settings.localFile());
        assertEquals(Optional.of(localFile), load(new LinkedHashMap<>(), environment()).localFile());
    }

    /** A relative path in the local file is relative to its own directory, as the project file's are. */
    @Test
    void theLocalFilesPathsAreRelativeToIt() throws IOException {
        Files.createDirectory(directory.resolve("src"));
        Files.writeString(localFile, "catflap.watch=src\n");

        Settings settings = load(new LinkedHashMap<>(), environment());

        assertEquals(List.of(directory.resolve("src")), settings.config().watch().orElseThrow());
    }

    private void set(Source source, String port, Map<Setting<?>, List<String>> flags, Map<String, String> environment)
            throws IOException {
        switch (source) {
            case FLAG -> flags.put(Setting.PORT, List.of(port));
            case VARIABLE -> environment.put(Setting.PORT.environmentVariable(), port);
            case LOCAL_FILE -> Files.writeString(localFile, Setting.PORT.key() + "=" + port + "\n");
            case PROJECT_FILE -> Files.writeString(projectFile, Setting.PORT.key() + "=" + port + "\n");
            case USER_FILE -> Files.writeString(userFile, Setting.PORT.key() + "=" + port + "\n");
            case DEFAULT -> { }
        }
    }

    private String sourceName(Source source) {
        return switch (source) {
            case FLAG -> "-p/--port";
            case VARIABLE -> "CATFLAP_PORT";
            case LOCAL_FILE -> localFile.toString();
            case PROJECT_FILE -> projectFile.toString();
            case USER_FILE -> userFile.toString();
            case DEFAULT -> "default";
        };
    }

    private Map<String, String> environment() {
        return sources.environment();
    }

    private Settings load(Map<Setting<?>, List<String>> flags, Map<String, String> environment) {
        return sources.loadFound(flags, Optional.empty(), environment);
    }
}
