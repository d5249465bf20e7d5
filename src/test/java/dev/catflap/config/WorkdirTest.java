package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
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

/** --workdir: where it points from each source, and that it comes before the project file's own directory. */
class WorkdirTest {
    @TempDir
    Path directory;
    private SettingsSources sources;
    private final Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
    private Map<String, String> environment;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        environment = sources.environment();
        Files.createDirectories(directory.resolve("web"));
    }

    @Test
    void aFilesWorkdirIsRelativeToTheFileAndComesBeforeItsDirectory() throws IOException {
        Files.writeString(sources.projectFile, "catflap.command=make\ncatflap.workdir=web\n");
        Settings settings = load();
        Path web = directory.resolve("web").toRealPath();
        assertEquals(Optional.of(web), settings.commandDirectory());
        assertEquals(Optional.of(web), settings.directoryOf(Setting.UNIT_COMMAND));
    }

    @Test
    void anOptionsWorkdirIsRelativeToTheWorkingDirectoryAndMovesACommandLineCommand() throws IOException {
        flags.put(Setting.WORKDIR, List.of("target"));
        Settings settings = sources.load(flags, Optional.of(CommandWords.of(List.of("make"))), environment);
        assertEquals(Optional.of(Path.of("target").toRealPath()), settings.commandDirectory());
    }

    @Test
    void aWorkdirThatIsNoDirectoryIsRefusedNamingItsSource() throws IOException {
        environment.put("CATFLAP_WORKDIR", directory.resolve("nowhere").toString());
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertEquals("CATFLAP_WORKDIR=" + directory.resolve("nowhere") + ": no such directory", e.getMessage());
        assertEquals(ExitStatus.USAGE, e.status());
        environment.remove("CATFLAP_WORKDIR");
        Files.writeString(sources.projectFile, "catflap.workdir=" + ProjectFile.NAME + "\n");
        e = assertThrows(CatflapException.class, this::load);
        // as written, then the path it resolved to
        assertEquals(sources.projectFile + ":1: catflap.workdir=" + ProjectFile.NAME + ": not a directory ("
                + sources.projectFile + ")", e.getMessage());
    }

    private Settings load() {
        return sources.load(flags, Optional.empty(), environment);
    }
}
