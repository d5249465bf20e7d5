package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every typed accessor of {@link CatflapConfig} takes what its setting's parser makes: a value
 * is parsed once and kept as an Object, so a wrong cast would only show when that setting is
 * used (as the units' command once did: an internal error on the team file's ordinary command).
 */
class CatflapConfigTypesTest {
    /** A valid text for each setting without a default. */
    private static final Map<Setting, String> SAMPLES = Map.of(
            Setting.LISTEN, "127.0.0.1:8080,unix:app.sock",
            Setting.BACKLOG, "64",
            Setting.FDNAME, "web",
            Setting.SETENV, "DEBUG=1,EMPTY=",
            Setting.WATCH, ".",
            Setting.IGNORE, "*.log",
            Setting.WORKDIR, ".",
            Setting.UNIT_COMMAND, "cat -n",
            Setting.COMMAND, "cat -u");

    @Test
    void everyAccessorTakesItsSettingsParsedValue() throws Exception {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String text = setting.defaultValue().orElseGet(() -> SAMPLES.get(setting));
            assertTrue(text != null, "a sample for " + setting.key());
            values.put(setting, setting.parse(text));
        }
        CatflapConfig config = new CatflapConfig(values);
        List<String> called = new ArrayList<>();
        for (Method accessor : CatflapConfig.class.getDeclaredMethods()) {
            if (Modifier.isPublic(accessor.getModifiers()) && accessor.getParameterCount() == 0) {
                Object value = accessor.invoke(config); // a wrong cast throws here
                if (value instanceof Optional<?> optional) {
                    assertTrue(optional.isPresent(), accessor.getName());
                }
                called.add(accessor.getName());
            }
        }
        assertTrue(called.containsAll(List.of("command", "unitCommand", "unitDir", "port", "listen")), called.toString());
        assertEquals(config.command().orElseThrow().getClass(), config.unitCommand().orElseThrow().getClass(),
                "the units take either command: one type");
    }
}
