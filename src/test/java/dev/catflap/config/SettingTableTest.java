package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.common.utils.StringUtil;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The table itself: every row complete, and its names consistent with each other. */
class SettingTableTest {
    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void keyVariableAndOptionAreSpellingsOfOneName(Setting<?> setting) throws IllegalAccessException {
        String constant = constants().entrySet().stream().filter(entry -> entry.getValue() == setting)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String name = constant.toLowerCase(Locale.ROOT).replace('_', '-');
        assertEquals("catflap." + name, setting.key());
        assertEquals("CATFLAP_" + constant, setting.environmentVariable());
        // what SmallRye's environment source looks up for the key
        assertEquals(StringUtil.replaceNonAlphanumericByUnderscores(setting.key()).toUpperCase(Locale.ROOT),
                setting.environmentVariable());
        assertEquals(setting, Setting.forKey(setting.key()).orElseThrow());
        if (setting.isOption()) {
            String[] names = setting.optionNames();
            assertEquals("--" + name, names[names.length - 1], "the long option is the key's name");
            assertEquals(String.join("/", names), setting.option());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void everyRowHasItsHelp(Setting<?> setting) {
        assertFalse(setting.description().isBlank());
        assertTrue(setting.description().endsWith("."), setting.description());
        assertFalse(setting.description().contains(Setting.DEFAULT), "a default to write in, but none: " + setting);
        setting.label().ifPresent(label -> assertTrue(label.matches("[A-Z]+(=[A-Z]+)?"), label));
    }

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void theDefaultIsAValidValueAndTheHelpSaysIt(Setting<?> setting) {
        setting.defaultValue().ifPresent(value -> {
            assertDoesNotThrow(() -> setting.parse(value));
            if (setting.label().isPresent()) {
                // a relative path's . is the working directory's as an option alone: the help says so in words
                String named = setting.isRelativeToTheFile() && value.equals(".") ? "the working directory" : value;
                assertTrue(setting.description().contains("(default: " + named + ")"), setting.description());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void aFlagIsAnOffSwitch(Setting<?> setting) {
        if (setting.isOption() && setting.label().isEmpty()) {
            assertEquals("false", setting.defaultValue().orElseThrow());
            assertEquals(true, setting.parse("true"));
            assertFalse(setting.isList());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.catflap.config.Setting#values")
    void exactlyTheListsAreRepeatableAndSaySo(Setting<?> setting) {
        assertEquals(setting.isList(), setting.description().contains("repeatable"), setting.description());
    }

    /** A row adds itself to the table as it is made: every constant is a row, in the order declared. */
    @Test
    void everyConstantIsARowInOrder() throws IllegalAccessException {
        assertEquals(List.copyOf(constants().values()), Setting.values());
        assertEquals(22, Setting.values().size(), "the rows of today, and no constant left out of them");
    }

    /** The table's constants by name, in the order declared. */
    private static Map<String, Setting<?>> constants() throws IllegalAccessException {
        Map<String, Setting<?>> constants = new LinkedHashMap<>();
        for (Field field : Setting.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && field.getType() == Setting.class) {
                constants.put(field.getName(), (Setting<?>) field.get(null));
            }
        }
        return constants;
    }

    @Test
    void onlyTheCommandIsNoOption() {
        for (Setting<?> setting : Setting.values()) {
            assertEquals(setting != Setting.COMMAND, setting.isOption(), setting.toString());
            assertEquals(setting.isOption(), setting.group() != Setting.Group.NONE, setting.toString());
        }
        assertEquals("command line", Setting.COMMAND.option());
        assertArrayEquals(new String[0], Setting.COMMAND.optionNames());
    }

    @Test
    void noTwoOptionsShareAName() {
        Set<String> seen = new HashSet<>(Set.of("--help", "--version", "--config", "--show-config", "--systemd-units"));
        for (Setting<?> setting : Setting.values()) {
            for (String name : setting.optionNames()) {
                assertTrue(seen.add(name), name);
            }
        }
    }

    @Test
    void theDefaultsAreTheRowsThatHaveOne() {
        assertEquals("5000", Setting.defaults().get("catflap.port"));
        assertEquals("127.0.0.1", Setting.defaults().get("catflap.host"));
        assertEquals("LISTEN_FD", Setting.defaults().get("catflap.env"));
        assertEquals("5", Setting.defaults().get("catflap.grace"));
        assertFalse(Setting.defaults().containsKey("catflap.backlog"), "unset: the system maximum");
        assertFalse(Setting.defaults().containsKey("catflap.listen"), "unset: the -h/-p shorthand's socket");
        for (Setting<?> setting : Setting.values()) {
            assertEquals(setting.defaultValue().orElse(null), Setting.defaults().get(setting.key()));
        }
    }
}
