package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How each kind of origin ranks and is put into words: the one place where an origin becomes
 * text, which messages, --show-config and the units' header all quote.
 */
class OriginTest {
    private static final Path FILE = Path.of("/home/me/app/.catflap.properties");
    private static final Origin PROJECT = Origin.file(Origin.Kind.PROJECT_FILE, FILE);

    @Test
    void theRanksAreCatflapsOrderOfSources() {
        List<Origin> highestFirst = List.of(Origin.option(), Origin.variable(), Origin.file(Origin.Kind.LOCAL_FILE, FILE),
                PROJECT, Origin.file(Origin.Kind.USER_FILE, FILE), Origin.defaults());
        for (int higher = 0; higher < highestFirst.size(); higher++) {
            for (int lower = higher + 1; lower < highestFirst.size(); lower++) {
                assertTrue(Origin.byRank(highestFirst.get(higher), highestFirst.get(lower)) > 0, higher + " over " + lower);
                assertFalse(highestFirst.get(lower).ranksAtLeast(highestFirst.get(higher)), lower + " below " + higher);
            }
        }
        Origin config = Origin.file(Origin.Kind.CONFIG_FILE, FILE);
        assertEquals(0, Origin.byRank(config, PROJECT), "--config's file takes the project file's place");
        assertTrue(config.ranksAtLeast(PROJECT) && PROJECT.ranksAtLeast(config));
    }

    @Test
    void aFileKindHasItsFileAndNoOtherKindHasOne() {
        assertThrows(IllegalArgumentException.class, () -> new Origin(Origin.Kind.USER_FILE, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Origin(Origin.Kind.OPTION, Optional.of(FILE)));
        assertEquals(Optional.of(FILE), PROJECT.file());
        assertTrue(PROJECT.isProjectFile() && Origin.file(Origin.Kind.CONFIG_FILE, FILE).isProjectFile());
        assertFalse(Origin.file(Origin.Kind.LOCAL_FILE, FILE).isProjectFile());
    }

    @Test
    void theSourceIsNamedAsAUserWouldLookForIt() {
        assertEquals("-p/--port", Origin.option().name(Setting.PORT));
        assertEquals("command line", Origin.option().name(Setting.COMMAND));
        assertEquals("CATFLAP_PORT", Origin.variable().name(Setting.PORT));
        assertEquals(FILE.toString(), PROJECT.name(Setting.PORT));
        assertEquals("default", Origin.defaults().name(Setting.PORT));
        assertEquals("catflap.workdir in " + FILE, PROJECT.described(Setting.WORKDIR));
        assertEquals("--workdir", Origin.option().described(Setting.WORKDIR));
        assertEquals("CATFLAP_WORKDIR", Origin.variable().described(Setting.WORKDIR));
    }

    @Test
    void aValueIsNamedAsItWasWrittenThere() {
        assertEquals("-p/--port eighty", Origin.option().atStart(Setting.PORT, new WrittenValue("eighty", Origin.option(), WrittenValue.NO_LINE)));
        assertEquals("--ignore a --ignore b", Origin.option().atStart(Setting.IGNORE, new WrittenValue("a,b", Origin.option(), WrittenValue.NO_LINE, List.of("a", "b"))));
        assertEquals("CATFLAP_PORT=eighty", Origin.variable().atStart(Setting.PORT, new WrittenValue("eighty", Origin.variable(), WrittenValue.NO_LINE)));
        assertEquals("catflap.port=5000 in the built-in defaults", Origin.defaults().atStart(Setting.PORT, new WrittenValue("5000", Origin.defaults(), WrittenValue.NO_LINE)));
        assertEquals(FILE + ":3: catflap.port=eighty", PROJECT.atStart(Setting.PORT, new WrittenValue("eighty", PROJECT, 3)));
        assertEquals("catflap.port=eighty in " + FILE, PROJECT.atStart(Setting.PORT, new WrittenValue("eighty", PROJECT, WrittenValue.NO_LINE)));
        assertEquals("catflap.port=eighty (" + FILE + ":3)", PROJECT.inSentence(Setting.PORT, new WrittenValue("eighty", PROJECT, 3)));
        assertEquals("catflap.port=eighty (" + FILE + ")", PROJECT.inSentence(Setting.PORT, new WrittenValue("eighty", PROJECT, WrittenValue.NO_LINE)));
        assertEquals("CATFLAP_PORT=eighty", Origin.variable().inSentence(Setting.PORT, new WrittenValue("eighty", Origin.variable(), WrittenValue.NO_LINE)));
    }

    @Test
    void anEmptyValueIsNamedAsWhatUnsetTheSetting() {
        assertEquals("default, unset by --no-spawn", Origin.option().unsetBy(Setting.SPAWN, empty(Origin.option(), null)));
        assertEquals("unset by --ignore ''", Origin.option().unsetBy(Setting.IGNORE, empty(Origin.option(), List.of(""))));
        assertEquals("unset by --no-watch", Origin.option().unsetBy(Setting.WATCH, empty(Origin.option(), List.of())));
        assertEquals("unset by --watch ''", Origin.option().unsetBy(Setting.WATCH, empty(Origin.option(), List.of(""))));
        assertEquals("unset by CATFLAP_WATCH=", Origin.variable().unsetBy(Setting.WATCH, empty(Origin.variable(), null)));
        assertEquals("default, unset by catflap.port= in " + FILE, PROJECT.unsetBy(Setting.PORT, empty(PROJECT, null)));
    }

    private static WrittenValue empty(Origin origin, List<String> elements) {
        return new WrittenValue("", origin, WrittenValue.NO_LINE, elements);
    }

    @Test
    void onlyTheDevelopersOwnSourcesArePersonal() {
        assertEquals(Optional.of("CATFLAP_PORT in your environment"), Origin.variable().personal(Setting.PORT, false, 7));
        assertEquals(Optional.of("CATFLAP_PORT= in your environment"), Origin.variable().personal(Setting.PORT, true, WrittenValue.NO_LINE));
        assertEquals(Optional.of("catflap.port in your local file " + FILE + ":3"),
                Origin.file(Origin.Kind.LOCAL_FILE, FILE).personal(Setting.PORT, false, 3));
        assertEquals(Optional.of("catflap.port= in your user file " + FILE),
                Origin.file(Origin.Kind.USER_FILE, FILE).personal(Setting.PORT, true, WrittenValue.NO_LINE));
        for (Origin typedOrTeams : List.of(Origin.option(), PROJECT, Origin.file(Origin.Kind.CONFIG_FILE, FILE), Origin.defaults())) {
            assertEquals(Optional.empty(), typedOrTeams.personal(Setting.PORT, false, 1), typedOrTeams.toString());
        }
    }
}
