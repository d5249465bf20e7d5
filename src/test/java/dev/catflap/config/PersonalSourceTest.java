package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.launch.CommandWords;
import dev.catflap.launch.VariableAssignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which values came from the user's own sources (variables, the user file, the local file),
 * which --systemd-units names in its warnings, and which were chosen for the project or typed on
 * purpose (the project file, --config, options, the command line's command). In process.
 */
class PersonalSourceTest {
    @TempDir
    Path directory;
    private SettingsSources sources;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        Files.writeString(sources.projectFile, "catflap.port=8080\ncatflap.grace=2\ncatflap.command=cat\n");
    }

    @Test
    void aVariableIsPersonalAndSoIsAnEmptyOneThatUnsetsTheProjects() {
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_PORT", "9003");
        environment.put("CATFLAP_GRACE", "");
        Settings settings = sources.loadFound(new LinkedHashMap<>(), Optional.empty(), environment);
        assertEquals(Optional.of("CATFLAP_PORT in your environment"), settings.personalSource(Setting.PORT));
        assertEquals(Optional.of("CATFLAP_GRACE= in your environment"), settings.personalSource(Setting.GRACE));
        assertFalse(settings.given(Setting.GRACE), "unset: the default applies");
        assertTrue(settings.given(Setting.PORT));
    }

    @Test
    void aListElementTheTeamGivesTooIsTheTeams() throws IOException {
        Files.writeString(sources.projectFile, "catflap.setenv=DEBUG=1\n");
        Files.writeString(sources.userFile, "catflap.setenv=DEBUG=1, MINE=2\n");
        Settings settings = sources.loadFound(new LinkedHashMap<>(), Optional.empty(), sources.environment());
        assertEquals(Optional.empty(), settings.personalSourceOf(Setting.SETENV, new VariableAssignment("DEBUG", "1")));
        assertEquals(Optional.of("catflap.setenv in your user file " + sources.userFile + ":1"),
                settings.personalSourceOf(Setting.SETENV, new VariableAssignment("MINE", "2")));
    }

    @Test
    void theUserFileAndTheLocalFileArePersonalTheProjectFileIsNot() throws IOException {
        Files.writeString(sources.userFile, "catflap.host=0.0.0.0\n");
        Files.writeString(sources.localFile, "catflap.backlog=64\n");
        Settings settings = sources.loadFound(new LinkedHashMap<>(), Optional.empty(), sources.environment());
        assertEquals(Optional.of("catflap.host in your user file " + sources.userFile + ":1"), settings.personalSource(Setting.HOST));
        assertEquals(Optional.of("catflap.backlog in your local file " + sources.localFile + ":1"), settings.personalSource(Setting.BACKLOG));
        assertEquals(Optional.empty(), settings.personalSource(Setting.PORT));
        assertEquals(Optional.empty(), settings.personalSource(Setting.COMMAND));
        assertEquals(Optional.empty(), settings.personalSource(Setting.ENV), "the built-in default");
        assertTrue(settings.given(Setting.GRACE));
        assertFalse(settings.given(Setting.DEBOUNCE), "the built-in default");
    }

    @Test
    void optionsConfigAndTheCommandLinesCommandAreTypedOnPurpose() {
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_PORT", "9003");
        environment.put("CATFLAP_COMMAND", "cat -u");
        Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
        flags.put(Setting.PORT, List.of("9004"));
        Settings settings = sources.load(flags, Optional.of(CommandWords.of(List.of("cat", "-n"))), environment);
        assertEquals(Optional.empty(), settings.personalSource(Setting.PORT));
        assertEquals(Optional.empty(), settings.personalSource(Setting.COMMAND));
        assertEquals(Optional.empty(), settings.personalSource(Setting.GRACE), "--config's file");
    }

    /**
     * A file named with --config is the project's file, even where it is the user file itself
     * (also read as the user file, below it): which source a value came from is decided by the
     * source, never by comparing its path with the user file's.
     */
    @Test
    void theUserFileNamedWithConfigIsConfigsFile() throws IOException {
        Files.writeString(sources.userFile, "catflap.port=9005\ncatflap.command=cat\n");
        Settings settings = sources.loadConfig(sources.userFile, new LinkedHashMap<>(), sources.environment());
        assertEquals(Optional.empty(), settings.personalSource(Setting.PORT), "--config's file");
        assertTrue(settings.from(Setting.PORT).is(Origin.Kind.CONFIG_FILE));
        assertTrue(settings.fromProjectFile(Setting.COMMAND));
        assertEquals(sources.userFile.toString(), settings.source(Setting.PORT));
    }

    /**
     * What a personal source took away from the project's value: an empty value that unset a
     * scalar the project file sets, an empty element that cleared the project's list elements;
     * not what it unset of the user's own file, nor a switch the project left off.
     */
    @Test
    void whatAPersonalSourceUnsetOrClearedOfTheProjectsIsARemoval() throws IOException {
        Files.writeString(sources.projectFile, "catflap.command=cat\ncatflap.backlog=128\ncatflap.setenv=MODE=prod,KEEP=1\n"
                + "catflap.stdin=false\n");
        Files.writeString(sources.userFile, "catflap.host=0.0.0.0\n");
        Files.writeString(sources.localFile, "catflap.backlog=\ncatflap.host=\ncatflap.stdin=\n");
        Map<String, String> environment = sources.environment();
        environment.put("CATFLAP_SETENV", ",KEEP=1");
        Settings settings = sources.loadFound(new LinkedHashMap<>(), Optional.empty(), environment);
        assertEquals(Optional.of(new Settings.Removal("catflap.backlog= in your local file " + sources.localFile + ":1", false,
                List.of("Backlog=128"))), settings.personalRemoval(Setting.BACKLOG, backlog -> List.of("Backlog=" + backlog)));
        assertEquals(Optional.of(new Settings.Removal("CATFLAP_SETENV in your environment", true, List.of("MODE=prod", "KEEP=1"))),
                settings.personalRemoval(Setting.SETENV, assignments -> assignments.stream().map(VariableAssignment::toString).toList()));
        assertEquals(Optional.empty(), settings.personalRemoval(Setting.HOST, host -> List.of(host.toString())), "the user file's own value");
        assertEquals(Optional.empty(), settings.personalRemoval(Setting.STDIN, on -> on ? List.of("on") : List.of()), "was off");
        assertEquals(Optional.empty(), settings.personalRemoval(Setting.PORT, port -> List.of("" + port)), "not unset");
        assertTrue(settings.unset(Setting.BACKLOG) && !settings.unset(Setting.SETENV) && !settings.unset(Setting.PORT));
    }

    /** The rows left out of units: decided per row; a new row of the Supervising group is decided with it. */
    @Test
    void theDevelopmentOnlySettingsAreTheSupervisingOptions() {
        List<Setting<?>> development = Setting.values().stream().filter(Setting::developmentOnly).toList();
        assertEquals(List.of(Setting.SPAWN, Setting.WATCH, Setting.IGNORE, Setting.NO_DEFAULT_IGNORES, Setting.NO_IGNORE_FILES,
                Setting.GRACE, Setting.DEBOUNCE), development);
    }
}
