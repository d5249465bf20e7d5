package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An empty value from a higher source unsets a setting that a lower one sets: the built-in
 * default applies again, or nothing where there is none. In process, as {@link PrecedenceTest}.
 */
class UnsetTest {
    @TempDir
    Path directory;
    private SettingsSources sources;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        Files.createDirectories(directory.resolve("src"));
        Files.writeString(sources.projectFile, """
                catflap.watch=src
                catflap.spawn=true
                catflap.quiet=true
                catflap.port=8080
                catflap.grace=1
                catflap.command=sh -c 'exit 0'
                """);
    }

    @Test
    void anEmptyVariableUnsetsTheFilesWatch() {
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_WATCH", "");
        Settings settings = load(new LinkedHashMap<>(), environment);
        assertTrue(settings.config().watch().isEmpty());
        assertEquals(Optional.empty(), settings.text(Setting.WATCH));
        assertEquals("unset by CATFLAP_WATCH=", settings.source(Setting.WATCH));
    }

    @Test
    void anEmptyOptionUnsetsTheFilesWatchAndSpawn() {
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        flags.put(Setting.WATCH, List.of()); // --no-watch, as cli's SettingOptions gives it
        flags.put(Setting.SPAWN, List.of(""));
        Settings settings = load(flags, sources.environment());
        assertTrue(settings.config().watch().isEmpty());
        assertFalse(settings.config().spawn());
        assertEquals(Optional.of("false"), settings.text(Setting.SPAWN));
        assertEquals("default, unset by --no-spawn", settings.source(Setting.SPAWN));
        assertEquals("unset by --no-watch", settings.source(Setting.WATCH));
    }

    /** {@code --watch ''} is named as typed, as every other list's empty option is, not as {@code --no-watch}. */
    @Test
    void anEmptyWatchOptionIsNamedAsTyped() {
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        flags.put(Setting.WATCH, List.of(""));
        Settings settings = load(flags, sources.environment());
        assertTrue(settings.config().watch().isEmpty());
        assertEquals("unset by --watch ''", settings.source(Setting.WATCH));
    }

    @Test
    void falseInAVariableSwitchesOffTheFilesSpawn() {
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_SPAWN", "false");
        environment.put("CATFLAP_WATCH", "");
        assertFalse(load(new LinkedHashMap<>(), environment).config().spawn());
    }

    @Test
    void aSettingWithADefaultGoesBackToIt() {
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_PORT", "");
        Settings settings = load(new LinkedHashMap<>(), environment);
        assertEquals(5000, settings.config().port());
        assertEquals(Optional.of("5000"), settings.text(Setting.PORT));
        assertEquals("default, unset by CATFLAP_PORT=", settings.source(Setting.PORT));
    }

    /** Every key, consistently: an empty value is never an error, and leaves the default or nothing. */
    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void anEmptyValueUnsetsEveryKey(Setting<?> setting) {
        Map<String, String> environment = sources.environment();
        environment.put(setting.environmentVariable(), "");
        Settings settings = load(new LinkedHashMap<>(), environment);
        assertEquals(setting.defaultValue().map(setting::parse), settings.config().value(setting), setting.key());
        assertEquals(setting.defaultValue(), settings.text(setting), setting.key());
    }

    @Test
    void anEmptyValueInTheProjectFileUnsetsTheUserFiles() throws IOException {
        Files.writeString(sources.userFile, "catflap.ignore=*.tmp\n");
        Files.writeString(sources.projectFile, "catflap.ignore=\n");
        Settings settings = load(new LinkedHashMap<>(), sources.environment());
        assertTrue(settings.config().ignore().isEmpty());
        assertEquals("unset by catflap.ignore= in " + sources.projectFile, settings.source(Setting.IGNORE));
    }

    @Test
    void showConfigShowsSpawnImpliedByWatch() {
        List<String> lines = ConfigReport.lines(load(new LinkedHashMap<>(), sources.environment()));
        String spawn = lines.stream().filter(line -> line.startsWith("catflap.spawn ")).findFirst().orElseThrow();
        assertTrue(spawn.matches("catflap\\.spawn +true +" + Pattern.quote(sources.projectFile.toString())), spawn);
    }

    private Settings load(Map<Setting<?>, List<String>> flags, Map<String, String> environment) {
        return sources.load(flags, Optional.empty(), environment);
    }
}
