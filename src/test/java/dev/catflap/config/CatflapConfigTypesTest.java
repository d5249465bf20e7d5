package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every typed accessor of {@link CatflapConfig} gives what its setting's parser makes, one
 * accessor per setting. The compiler checks this now (a {@code Setting<T>} row's parser gives a
 * T, its accessor returns one); calling each is what once found the units' command cast to the
 * wrong type, an internal error on the team file's ordinary command.
 */
class CatflapConfigTypesTest {
    /** A valid text for each setting without a default. */
    private static final Map<Setting<?>, String> SAMPLES = Map.of(
            Setting.LISTEN, "127.0.0.1:8080,unix:app.sock",
            Setting.BACKLOG, "64",
            Setting.FDNAME, "web",
            Setting.SETENV, "DEBUG=1,EMPTY=",
            Setting.WATCH, ".",
            Setting.IGNORE, "*.log",
            Setting.WORKDIR, ".",
            Setting.UNIT_COMMAND, "cat -n",
            Setting.COMMAND, "cat -u");

    /** Accessors that give a rule's result from several settings, not one setting's value: called, not counted. */
    private static final Set<String> DERIVED = Set.of("sockets");

    @Test
    void everyAccessorTakesItsSettingsParsedValue() throws Exception {
        CatflapConfig.Builder values = CatflapConfig.builder();
        for (Setting<?> setting : Setting.values()) {
            String text = setting.defaultValue().orElseGet(() -> SAMPLES.get(setting));
            assertTrue(text != null, "a sample for " + setting.key());
            parsed(values, setting, text);
        }
        CatflapConfig config = values.build();
        List<String> called = new ArrayList<>();
        for (Method accessor : CatflapConfig.class.getDeclaredMethods()) {
            if (Modifier.isPublic(accessor.getModifiers()) && accessor.getParameterCount() == 0) {
                Object value = accessor.invoke(config); // a wrong cast throws here
                if (value instanceof Optional<?> optional) {
                    assertTrue(optional.isPresent(), accessor.getName());
                }
                if (!DERIVED.contains(accessor.getName())) {
                    called.add(accessor.getName());
                }
            }
        }
        assertTrue(called.containsAll(List.of("command", "unitCommand", "unitDir", "port", "listen")), called.toString());
        assertEquals(Setting.values().size(), called.size(), "one accessor per setting: " + called);
        assertEquals(config.command().orElseThrow().getClass(), config.unitCommand().orElseThrow().getClass(),
                "the units take either command: one type");
    }

    /** Parses {@code text} as {@code setting}'s value and sets it, T captured for the compiler. */
    private static <T> void parsed(CatflapConfig.Builder values, Setting<T> setting, String text) {
        values.set(setting, setting.parse(text));
    }
}
