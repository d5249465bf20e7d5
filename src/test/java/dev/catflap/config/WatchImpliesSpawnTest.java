package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
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

/**
 * Watching implies spawning: a spawn switched off by a source at least as high as the watch's
 * contradicts it (CI's --no-spawn under the team's watch must not keep watching); a lower one is
 * overridden, and --show-config says so.
 */
class WatchImpliesSpawnTest {
    @TempDir
    Path directory;
    private SettingsSources sources;
    private final Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
    private Map<String, String> environment;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        Files.createDirectories(directory.resolve("src"));
        Files.writeString(sources.projectFile, "# team\ncatflap.watch=src\n");
        environment = sources.environment();
    }

    @Test
    void noSpawnOverTheTeamsWatchIsAContradiction() {
        flags.put(Setting.SPAWN, List.of(""));
        assertEquals("--no-spawn contradicts catflap.watch=src (" + sources.projectFile + ":2): watching runs the command "
                + "as a child (--watch implies --spawn); use --no-watch to switch that watching off", refusal());
    }

    @Test
    void falseInAVariableOverTheTeamsWatchIsAContradiction() {
        environment.put("CATFLAP_SPAWN", "false");
        assertEquals("CATFLAP_SPAWN=false contradicts catflap.watch=src (" + sources.projectFile + ":2): watching runs the "
                + "command as a child (--watch implies --spawn); use --no-watch to switch that watching off", refusal());
    }

    @Test
    void theSameFilesSpawnFalseIsAContradiction() throws IOException {
        Files.writeString(sources.projectFile, "catflap.watch=src\ncatflap.spawn=no\n");
        assertTrue(refusal().startsWith("catflap.spawn=no (" + sources.projectFile + ":2) contradicts catflap.watch=src"), refusal());
    }

    @Test
    void watchAndNoSpawnBothTypedAreAContradiction() {
        flags.put(Setting.WATCH, List.of("src"));
        flags.put(Setting.SPAWN, List.of(""));
        assertEquals("--no-spawn contradicts catflap.watch=src (" + sources.projectFile + ":2) + --watch src: "
                + "watching runs the command as a child (--watch implies --spawn); drop one of the two", refusal());
    }

    @Test
    void aLowerSpawnFalseIsOverriddenAndShowConfigSaysSo() throws IOException {
        Files.writeString(sources.userFile, "catflap.spawn=false\n");
        Settings settings = load();
        assertTrue(settings.config().watch().isPresent());
        String spawn = ConfigReport.lines(settings).stream().filter(line -> line.startsWith("catflap.spawn ")).findFirst().orElseThrow();
        assertTrue(spawn.matches("catflap\\.spawn +true +implied by " + Pattern.quote(sources.projectFile.toString())
                + ", overriding catflap\\.spawn=false \\(" + Pattern.quote(sources.userFile.toString()) + ":1\\)"), spawn);
    }

    @Test
    void aTypedWatchOverridesAVariablesSpawnFalse() {
        environment.put("CATFLAP_SPAWN", "false");
        flags.put(Setting.WATCH, List.of("src"));
        String spawn = ConfigReport.lines(load()).stream().filter(line -> line.startsWith("catflap.spawn ")).findFirst().orElseThrow();
        assertTrue(spawn.endsWith(", overriding CATFLAP_SPAWN=false"), spawn);
    }

    /** An empty value only unsets, which is never an error: the watch turns spawning on as over the default. */
    @Test
    void anEmptyVariableOnlyUnsets() {
        environment.put("CATFLAP_SPAWN", "");
        assertTrue(load().config().watch().isPresent());
    }

    @Test
    void withoutWatchingSpawnFalseIsNoContradiction() {
        environment.put("CATFLAP_SPAWN", "false");
        flags.put(Setting.WATCH, List.of()); // --no-watch
        assertEquals(Optional.empty(), load().config().watch());
    }

    private Settings load() {
        return sources.load(flags, Optional.empty(), environment);
    }

    private String refusal() {
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertEquals(ExitStatus.USAGE, e.status());
        return e.getMessage();
    }
}
