package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.launch.VariableAssignment;
import dev.catflap.socket.ListenSpec;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list rule: a list setting takes the elements of every source, lowest rank first, and an
 * empty element clears those before it; a scalar's highest source still replaces the others. In
 * process, on files in a temporary directory, as {@link PrecedenceTest}.
 */
class ListAccumulationTest {
    @TempDir
    Path directory;
    private SettingsSources sources;
    private final Map<Setting<?>, List<String>> flags = new LinkedHashMap<>();
    private Map<String, String> environment;

    @BeforeEach
    void files() throws IOException {
        sources = new SettingsSources(directory);
        environment = sources.environment();
        flags.put(Setting.WATCH, List.of(directory.toString())); // ignores are for watching: they only apply with it
    }

    @Test
    void everySourceAddsItsElementsLowestRankFirst() throws IOException {
        Files.writeString(sources.userFile, "catflap.ignore=*.user\n");
        Files.writeString(sources.projectFile, "catflap.ignore=*.project\n");
        Files.writeString(sources.localFile, "catflap.ignore=*.local\n");
        environment.put("CATFLAP_IGNORE", "*.variable");
        flags.put(Setting.IGNORE, List.of("*.option", "*.again"));
        Settings settings = sources.loadFound(flags, Optional.empty(), environment);
        assertEquals(List.of("*.user", "*.project", "*.local", "*.variable", "*.option", "*.again"),
                texts(settings.config().ignore().orElseThrow()));
        assertEquals(Optional.of("*.user,*.project,*.local,*.variable,*.option,*.again"), settings.text(Setting.IGNORE));
        assertEquals(sources.userFile + " (*.user) + " + sources.projectFile + " (*.project) + " + sources.localFile
                + " (*.local) + CATFLAP_IGNORE (*.variable) + --ignore (*.option,*.again)", settings.source(Setting.IGNORE));
    }

    @Test
    void anEmptyElementClearsTheElementsBeforeIt() throws IOException {
        Files.writeString(sources.projectFile, "catflap.ignore=*.project\n");
        environment.put("CATFLAP_IGNORE", "*.variable");
        flags.put(Setting.IGNORE, List.of("", "*.option")); // --ignore '' --ignore '*.option'
        Settings settings = load();
        assertEquals(List.of("*.option"), texts(settings.config().ignore().orElseThrow()));
        assertEquals("--ignore", settings.source(Setting.IGNORE));

        flags.put(Setting.IGNORE, List.of("*.option", "")); // --ignore '*.option' --ignore ''
        settings = load();
        assertTrue(settings.config().ignore().isEmpty());
        assertEquals("unset by --ignore ''", settings.source(Setting.IGNORE));
    }

    @Test
    void anEmptyElementInAFileReplacesTheLowerFilesAndAVariableAddsToIt() throws IOException {
        Files.writeString(sources.userFile, "catflap.ignore=*.user\n");
        Files.writeString(sources.projectFile, "catflap.ignore= , *.project\n");
        environment.put("CATFLAP_IGNORE", "*.variable");
        assertEquals(List.of("*.project", "*.variable"), texts(load().config().ignore().orElseThrow()));
        environment.put("CATFLAP_IGNORE", "");
        assertTrue(load().config().ignore().isEmpty());
    }

    @Test
    void eachPathKeepsItsOwnSourcesDirectory() throws IOException {
        Path project = Files.createDirectories(directory.resolve("project"));
        Files.createDirectories(project.resolve("src"));
        Files.createDirectories(directory.resolve("xdg/catflap/shared"));
        Files.writeString(sources.userFile, "catflap.watch=shared\n");
        Path projectFile = Files.writeString(project.resolve(ProjectFile.NAME), "catflap.watch=src\n");
        flags.put(Setting.WATCH, List.of("target")); // the test's working directory
        Settings settings = new Configuration(FakeFileSystem.owning(directory))
                .load(flags, Optional.empty(), Optional.of(projectFile), environment);
        assertEquals(List.of(sources.userFile.resolveSibling("shared"), project.resolve("src"), Path.of("target")),
                settings.config().watch().orElseThrow());
    }

    @Test
    void aScalarStillReplaces() throws IOException {
        Files.writeString(sources.projectFile, "catflap.port=8080\n");
        flags.put(Setting.PORT, List.of("9000"));
        assertEquals(9000, load().config().port());
    }

    @Test
    void aBadElementIsNamedWithItsOwnSource() throws IOException {
        Files.writeString(sources.projectFile, "catflap.ignore=[x\n");
        flags.put(Setting.IGNORE, List.of("*.tmp"));
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertTrue(e.getMessage().startsWith(sources.projectFile + ":1: catflap.ignore=[x: not a valid glob"), e.getMessage());
        flags.put(Setting.IGNORE, List.of("", "*.tmp")); // cleared: no longer counts, so no longer an error
        assertEquals(List.of("*.tmp"), texts(load().config().ignore().orElseThrow()));
    }

    @Test
    void anEmptyElementAfterTheStartOfAFilesListIsRefused() throws IOException {
        Files.writeString(sources.projectFile, "catflap.watch=" + directory + ",\n");
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertEquals(sources.projectFile + ":1: catflap.watch=" + directory + ",: an empty element after " + directory
                + " (a comma too many?); only an empty value or a comma at the start clears what lower sources give",
                e.getMessage());
        Files.writeString(sources.projectFile, "catflap.ignore=*.log,,*.tmp\n");
        assertThrows(CatflapException.class, this::load);
        Files.writeString(sources.projectFile, "catflap.ignore=,*.log\n"); // at the start: clears the lower ones
        assertEquals(List.of("*.log"), texts(load().config().ignore().orElseThrow()));
    }

    /** A contradiction names each source's part of a list, not the joined list as if one source wrote it. */
    @Test
    void aListsContradictionNamesEachSourcesPart() throws IOException {
        Files.writeString(sources.projectFile, "catflap.fdname=web\n");
        flags.put(Setting.SYSTEMD, List.of("true"));
        flags.put(Setting.FDNAME, List.of("admin"));
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertTrue(e.getMessage().startsWith("catflap.fdname=web (" + sources.projectFile + ":1) + --fdname admin: 2 names for 1 socket"),
                e.getMessage());
    }

    @Test
    void anEmptyOptionClearsTheOptionsBeforeIt() {
        flags.put(Setting.IGNORE, List.of("*.log", ""));
        assertTrue(load().config().ignore().isEmpty());
    }

    @Test
    void listenSpecsFromSeveralSourcesMayNotClash() throws IOException {
        Files.writeString(sources.projectFile, "catflap.listen=127.0.0.1:8080\n");
        flags.put(Setting.LISTEN, List.of("127.0.0.1:8080"));
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertTrue(e.getMessage().startsWith("catflap.listen=127.0.0.1:8080 (" + sources.projectFile
                + ":1) + -l/--listen 127.0.0.1:8080: "), e.getMessage());
    }

    @Test
    void clearedListenSpecsLeaveTheShorthandsSocket() throws IOException {
        Files.writeString(sources.projectFile, "catflap.listen=127.0.0.1:8080\n");
        environment.put("CATFLAP_LISTEN", "");
        flags.put(Setting.PORT, List.of("9000"));
        Settings settings = load();
        assertTrue(settings.config().listen().isEmpty());
        assertEquals(9000, settings.config().port());
    }

    @Test
    void systemdNamesCountTheSocketsOfEverySource() throws IOException {
        Files.writeString(sources.projectFile, "catflap.listen=127.0.0.1:8080\ncatflap.fdname=web\n");
        flags.put(Setting.SYSTEMD, List.of("true"));
        flags.put(Setting.LISTEN, List.of("127.0.0.1:8081"));
        CatflapException e = assertThrows(CatflapException.class, this::load);
        assertTrue(e.getMessage().startsWith(sources.projectFile + ":2: catflap.fdname=web: 1 name for 2 sockets"),
                e.getMessage());
        flags.put(Setting.FDNAME, List.of("admin"));
        Settings settings = load();
        assertEquals(List.of("web", "admin"), settings.config().fdname().orElseThrow());
        assertEquals(List.of("127.0.0.1:8080", "127.0.0.1:8081"),
                settings.config().listen().orElseThrow().stream().map(ListenSpec::text).toList());
    }

    /** Written as a list element in a file or variable: {@code \,} a comma, empty elements kept, blanks around them not. */
    @Test
    void writtenElementsKeepTheEmptyOnesAndTheEscapes() {
        assertEquals(List.of(""), ListSyntax.writtenElements(""));
        assertEquals(List.of("", "lib"), ListSyntax.writtenElements(",lib"));
        assertEquals(List.of("a", "", "b"), ListSyntax.writtenElements("a, ,b"));
        assertEquals(List.of("a,b", "c\\"), ListSyntax.writtenElements("a\\,b , c\\\\"));
        List<String> elements = List.of("a,b", "c\\", "", "d");
        assertEquals(elements, ListSyntax.writtenElements(ListSyntax.text(elements)));
    }

    /** The rule holds for every list row without code of its own, and --help says it for each. */
    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void everyListsHelpSaysTheRule(Setting<?> setting) {
        String rule = "an empty " + setting.label().orElse("") + " drops those before it";
        assertEquals(setting.isList(), setting.description().contains(rule), setting.description());
    }

    private Settings load() {
        return sources.load(flags, Optional.empty(), environment);
    }

    /**
     * An option's values reach the parser as elements, never as text that is split again: a comma,
     * backslash, quote, {@code #} or blanks at the ends stay in the value, and the message names
     * the options as typed.
     */
    @Test
    void anOptionsValuesAreElementsAsTyped() throws IOException {
        flags.put(Setting.SETENV, List.of("A= x,y\\z 'q' \"d\" #h ", "B=,", "C=\\"));
        Settings settings = sources.load(flags, Optional.empty(), environment);
        assertEquals(List.of(new VariableAssignment("A", " x,y\\z 'q' \"d\" #h "), new VariableAssignment("B", ","),
                new VariableAssignment("C", "\\")), settings.config().setenv().orElseThrow());
        assertEquals("--setenv A= x,y\\z 'q' \"d\" #h  --setenv B=, --setenv C=\\", settings.origin(Setting.SETENV));

        flags.put(Setting.IGNORE, List.of("{a,b}"));
        IgnoreGlob glob = sources.load(flags, Optional.empty(), environment).config().ignore().orElseThrow().get(0);
        assertEquals("{a,b}", glob.text(), "one glob, its comma no separator");
    }

    /** A list setting's parser takes the elements; the text of a file or variable is split before it, once. */
    @Test
    void aListsParserTakesElements() {
        assertEquals(List.of(Path.of("a,b"), Path.of("c\\d")), Setting.WATCH.parse(List.of("a,b", "c\\d")));
        assertEquals(List.of(Path.of("a,b"), Path.of("c\\d")), Setting.WATCH.parse("'a,b', c\\\\d"));
    }

    /** The globs as written: the compiled ones are equal when written alike. */
    private static List<String> texts(List<IgnoreGlob> globs) {
        return globs.stream().map(IgnoreGlob::text).toList();
    }
}
