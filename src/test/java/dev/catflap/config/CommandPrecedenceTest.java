package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.launch.CommandWords;
import dev.catflap.posix.OsString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The command: the command line's words above every configured {@code catflap.command}, which
 * otherwise come in the usual order (variable, project file, user file). The command line's words
 * reach the settings as words, byte for byte, never written as a line and split again.
 */
class CommandPrecedenceTest {
    @TempDir
    Path directory;
    private SettingsSources sources;
    private Path projectFile;
    private Path userFile;
    private Map<String, String> environment;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        projectFile = sources.projectFile;
        userFile = sources.userFile;
        environment = sources.environment();
    }

    @Test
    void theCommandLinesCommandBeatsEveryConfiguredOne() throws IOException {
        configureEverywhere();

        Settings settings = load(Optional.of(CommandWords.of(List.of("node", "server.js"))));

        assertEquals(List.of("node", "server.js"), words(settings));
        assertTrue(settings.commandFromCommandLine());
        assertEquals("command line", settings.source(Setting.COMMAND));
        assertEquals(Optional.of("node server.js"), settings.text(Setting.COMMAND));
        assertFalse(settings.fromProjectFile(Setting.COMMAND));
    }

    @Test
    void withoutOneTheVariableBeatsTheFiles() throws IOException {
        configureEverywhere();
        Settings settings = load(Optional.empty());
        assertEquals(List.of("from", "variable"), words(settings));
        assertFalse(settings.commandFromCommandLine());
        assertEquals("CATFLAP_COMMAND", settings.source(Setting.COMMAND));
        assertEquals(Optional.of("from variable"), settings.text(Setting.COMMAND));
    }

    @Test
    void thenTheProjectFileBeatsTheUserFile() throws IOException {
        configureEverywhere();
        environment.remove("CATFLAP_COMMAND");
        Settings settings = load(Optional.empty());
        assertEquals(List.of("from", "project file"), words(settings));
        assertEquals(projectFile.toString(), settings.source(Setting.COMMAND));
        assertTrue(settings.fromProjectFile(Setting.COMMAND));

        Files.writeString(projectFile, "");
        settings = load(Optional.empty());
        assertEquals(List.of("from", "user", "file"), words(settings));
        assertEquals(userFile.toString(), settings.source(Setting.COMMAND));
    }

    @Test
    void noCommandAnywhereLeavesItUnset() {
        Settings settings = load(Optional.empty());
        assertEquals(Optional.empty(), settings.config().command());
        assertEquals(Optional.empty(), settings.text(Setting.COMMAND));
        assertEquals("default", settings.source(Setting.COMMAND));
    }

    @Test
    void theCommandLinesWordsKeepTheirBytesAndAreNeverParsed() throws IOException {
        // Bytes that are not UTF-8, shell syntax, quotes, a backslash, an empty word: none of it is
        // shell syntax to the command line's words, which a shell has split already.
        byte[] notUtf8 = {'c', 'a', 'f', (byte) 0xe9};
        List<byte[]> typed = List.of("sh".getBytes(StandardCharsets.US_ASCII), "-c".getBytes(StandardCharsets.US_ASCII),
                "echo it's $HOME; a\\b | \"x\"\n".getBytes(StandardCharsets.UTF_8), new byte[0], notUtf8);
        List<String> arguments = typed.stream().map(OsString::decode).toList();
        Files.writeString(projectFile, "catflap.command=echo 'unclosed\n");

        Settings settings = load(Optional.of(CommandWords.of(arguments)));

        List<byte[]> got = settings.config().command().orElseThrow().words();
        assertEquals(typed.size(), got.size());
        for (int i = 0; i < typed.size(); i++) {
            assertArrayEquals(typed.get(i), got.get(i), "word " + i);
        }
        assertEquals(Optional.of("sh -c 'echo it'\\''s $HOME; a\\b | \"x\"\n' '' 'caf\udce9'"), settings.text(Setting.COMMAND),
                "--show-config writes them as a shell would");
    }

    @Test
    void aBadConfiguredCommandIsAnErrorOnlyWhenItIsTheOneThatCounts() throws IOException {
        environment.put("CATFLAP_COMMAND", "echo a; echo b");
        assertEquals(List.of("true"), words(load(Optional.of(CommandWords.of(List.of("true"))))));

        CatflapException refused = assertThrows(CatflapException.class, () -> load(Optional.empty()));
        assertTrue(refused.getMessage().startsWith("CATFLAP_COMMAND=echo a; echo b: ';' is shell syntax"), refused.getMessage());
    }

    private void configureEverywhere() throws IOException {
        environment.put("CATFLAP_COMMAND", "from variable");
        Files.writeString(projectFile, "catflap.command=from 'project file'\n");
        Files.writeString(userFile, "catflap.command=from user file\n");
    }

    private Settings load(Optional<CommandWords> commandLine) {
        return sources.load(new LinkedHashMap<>(), commandLine, environment);
    }

    private static List<String> words(Settings settings) {
        return settings.config().command().orElseThrow().displayWords();
    }
}
