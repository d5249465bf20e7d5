package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTest {
    /** Each row's variable is its key mapped as SmallRye maps a name, which alone finds the row back. */
    @Test
    void eachRowsVariableIsItsKeyMappedAndMapsBack() {
        for (Setting<?> setting : Setting.values()) {
            String variable = setting.environmentVariable();
            assertEquals(Setting.VARIABLE_PREFIX + setting.key().substring(Setting.KEY_PREFIX.length()).toUpperCase().replace('-', '_'),
                    variable);
            assertEquals(Optional.of(setting), Setting.forVariable(variable));
            assertEquals(Optional.empty(), Setting.forVariable(setting.key()), "the dotted form is not read");
            assertEquals(Optional.empty(), Setting.forVariable(variable.toLowerCase()), "the lower-case form is not read");
            assertEquals(Optional.of(setting), Setting.misspeltVariable(setting.key()), "but draws a warning");
            assertEquals(Optional.of(setting), Setting.misspeltVariable(variable.toLowerCase()));
            assertEquals(Optional.empty(), Setting.misspeltVariable(variable), "the exact name is no misspelling");
        }
        assertEquals("CATFLAP_", Setting.VARIABLE_PREFIX);
        assertEquals("CATFLAP_NO_DEFAULT_IGNORES", Setting.NO_DEFAULT_IGNORES.environmentVariable());
        assertEquals(Optional.empty(), Setting.forVariable("CATFLAP_PROT"));
        assertEquals(Optional.empty(), Setting.forVariable("CATFLAP_JAVA_OPTS"));
    }

    @Test
    void graceIsWholeOrDecimalSecondsUpToAnHour() {
        assertEquals(Duration.ofSeconds(5), SettingParsers.seconds("5"));
        assertEquals(Duration.ofMillis(500), SettingParsers.seconds("0.5"));
        assertEquals(Duration.ZERO, SettingParsers.seconds("0"));
        assertEquals(Duration.ofHours(1), SettingParsers.seconds("3600"));
        assertEquals(Duration.ofNanos(1), SettingParsers.seconds("0.0000000001"), "finer than a nanosecond rounds up");
        assertEquals(Duration.ofSeconds(1), SettingParsers.seconds("0.9999999991"));
        assertEquals(Duration.ofMillis(1500), SettingParsers.seconds("0001.5000000000"));
        assertEquals(Duration.ofHours(1), SettingParsers.seconds("3600.000"));
        assertEquals(Duration.ofNanos(123_456_789), SettingParsers.seconds("0.123456789"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9", "99999999999", "3600.5", "3600.0000000001", "3601", "10000", "-1", "+5", ".5", "5.", "\u0665", "\uff15", "5s", "", "Infinity", "NaN"})
    void notGraces(String text) {
        assertEquals("not a number of seconds (0 to 3600, e.g. 5 or 0.5)",
                assertThrows(IllegalArgumentException.class, () -> SettingParsers.seconds(text)).getMessage());
    }

    @Test
    void debounceIsADurationWithItsUnitOrSecondsAsForGrace() {
        assertEquals(Duration.ofMillis(500), Setting.DEBOUNCE.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), Setting.DEBOUNCE.parse("2s"));
        assertEquals(Duration.ofMillis(1500), Setting.DEBOUNCE.parse("1.5s"));
        assertEquals(Duration.ofMillis(500), Setting.DEBOUNCE.parse("0.5"));
        assertEquals(Duration.ofMillis(5), Setting.DEBOUNCE.parse("5ms"));
        assertEquals(Duration.ofNanos(1_500_000), Setting.DEBOUNCE.parse("1.5ms"));
        assertEquals(Duration.ofSeconds(5), Setting.DEBOUNCE.parse("5000ms"));
        assertEquals(Duration.ZERO, Setting.DEBOUNCE.parse("0ms"));
        assertEquals(Duration.ofHours(1), Setting.DEBOUNCE.parse("3600000ms"));
        assertEquals(Duration.ofMillis(50), Setting.DEBOUNCE.parse(Setting.DEBOUNCE.defaultValue().orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600001ms", "3601s", "1m", "5 s", "ms", "s", ".5s", "-1s", "5MS", "1e3ms", "\u0665s", ""})
    void notDebounces(String text) {
        assertEquals("not a duration (0 to 3600 s, e.g. 500ms, 2s or 0.5)",
                assertThrows(IllegalArgumentException.class, () -> SettingParsers.duration(text)).getMessage());
    }

    @Test
    void blanksAroundAValueArePartOfItAndSaidSo() {
        assertEquals("not a port number (0-65535); the value has blanks around it",
                assertThrows(IllegalArgumentException.class, () -> Setting.PORT.parse(" \t80 \t")).getMessage());
        assertEquals(80, Setting.PORT.parse("80"));
    }

    @Test
    void otherBlanksAndInvisibleCharactersAroundAValueAreSaidSoToo() {
        // a no-break space after, an ideographic space or a zero-width space before: as a space is
        for (String text : new String[] {"0\u00a0", "\u30005", "\u200b80", "80\ufeff"}) {
            assertEquals("not a port number (0-65535); the value has blanks around it",
                    assertThrows(IllegalArgumentException.class, () -> Setting.PORT.parse(text)).getMessage(), text);
        }
    }

    @Test
    void blanksAroundTheElementsOfAListAreTheLists() {
        assertEquals(List.of("a", "b"), ListSyntax.elements(" a ,\tb\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80\n", "\n80", "80\r", "\u300080", "80\u00a0"})
    void otherBlanksArePartOfTheValue(String text) {
        assertThrows(IllegalArgumentException.class, () -> Setting.PORT.parse(text));
    }
}
