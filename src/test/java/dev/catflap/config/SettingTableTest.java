package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.common.utils.StringUtil;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The table itself: every row complete, and its names consistent with each other. */
class SettingTableTest {
    @ParameterizedTest
    @EnumSource(Setting.class)
    void keyVariableAndOptionAreSpellingsOfOneName(Setting setting) {
        String name = setting.name().toLowerCase(Locale.ROOT).replace('_', '-');
        assertEquals("catflap." + name, setting.key());
        assertEquals("CATFLAP_" + setting.name(), setting.environmentVariable());
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
    @EnumSource(Setting.class)
    void everyRowHasItsHelp(Setting setting) {
        assertFalse(setting.description().isBlank());
        assertTrue(setting.description().endsWith("."), setting.description());
        assertFalse(setting.description().contains(Setting.DEFAULT), "a default to write in, but none: " + setting);
        setting.label().ifPresent(label -> assertTrue(label.matches("[A-Z]+(=[A-Z]+)?"), label));
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void theDefaultIsAValidValueAndTheHelpSaysIt(Setting setting) {
        setting.defaultValue().ifPresent(value -> {
            assertDoesNotThrow(() -> setting.parse(value));
            if (setting.label().isPresent()) {
                assertTrue(setting.description().contains("(default: " + value + ")"), setting.description());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void aFlagIsAnOffSwitch(Setting setting) {
        if (setting.isOption() && setting.label().isEmpty()) {
            assertEquals("false", setting.defaultValue().orElseThrow());
            assertEquals(true, setting.parse("true"));
            assertFalse(setting.isList());
        }
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void exactlyTheListsAreRepeatableAndSaySo(Setting setting) {
        assertEquals(setting.isList(), setting.description().contains("repeatable"), setting.description());
    }

    @Test
    void onlyTheCommandIsNoOption() {
        for (Setting setting : Setting.values()) {
            assertEquals(setting != Setting.COMMAND, setting.isOption(), setting.toString());
            assertEquals(setting.isOption(), setting.group() != Setting.Group.NONE, setting.toString());
        }
        assertEquals("command line", Setting.COMMAND.option());
        assertArrayEquals(new String[0], Setting.COMMAND.optionNames());
    }

    @Test
    void noTwoOptionsShareAName() {
        Set<String> seen = new HashSet<>(Set.of("--help", "--version", "--config", "--show-config", "--systemd-units"));
        for (Setting setting : Setting.values()) {
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
        for (Setting setting : Setting.values()) {
            assertEquals(setting.defaultValue().orElse(null), Setting.defaults().get(setting.key()));
        }
    }
}
