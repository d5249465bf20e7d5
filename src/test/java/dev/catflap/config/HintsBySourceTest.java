package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
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

/**
 * What a message tells the user to write depends on where the value was written: a file has
 * lines for comments, a variable or an option has none; and a switch is shown as it was read.
 */
class HintsBySourceTest {
    private static final String COMMENT = "'#' starts no comment inside a value; ";

    @TempDir
    Path directory;
    private SettingsSources sources;
    private final Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
    private Map<String, String> environment;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        environment = sources.environment();
    }

    @Test
    void aCommentWordInAVariablesListIsQuotedForTheShell() {
        environment.put("CATFLAP_IGNORE", "#*#");
        assertEquals("CATFLAP_IGNORE=#*#: " + COMMENT + "a variable holds no comment: remove it, or quote it to pass it on "
                + "(CATFLAP_IGNORE=\"'#*#'\")", refusal());
    }

    @Test
    void aCommentAfterAVariablesAssignmentIsNamedAsTheVariables() {
        environment.put("CATFLAP_SETENV", "A=1 # c");
        assertEquals("CATFLAP_SETENV=A=1 # c: " + COMMENT + "a variable holds no comment: remove it, or quote it to pass it on "
                + "(CATFLAP_SETENV=\"A=1 '# c'\")", refusal());
    }

    @Test
    void aCommentInAnOptionsCommandIsQuotedForTheShell() {
        flags.put(Setting.UNIT_COMMAND, List.of("/usr/bin/python3 app.py # prod"));
        assertEquals("--unit-command /usr/bin/python3 app.py # prod: " + COMMENT + "an option holds no comment: remove it, "
                + "or quote it to pass it on (--unit-command \"/usr/bin/python3 app.py '#' prod\")", refusal());
    }

    @Test
    void aCommentInAFilesCommandGoesOnALineOfItsOwn() throws IOException {
        Files.writeString(sources.projectFile, "catflap.command=python3 app.py # dev\n");
        assertEquals(sources.projectFile + ":1: catflap.command=python3 app.py # dev: " + COMMENT
                + "put the comment on a line of its own, or quote it to pass it", refusal());
    }

    @Test
    void aSwitchIsShownAsRead() throws IOException {
        Files.writeString(sources.projectFile, "catflap.quiet=no\ncatflap.stdin=On\n");
        Settings settings = load();
        assertEquals(Optional.of("false"), settings.text(Setting.QUIET));
        assertEquals(Optional.of("true"), settings.text(Setting.STDIN));
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
