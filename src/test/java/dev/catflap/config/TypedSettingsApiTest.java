package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No setting's value is cast outside config/, because config/ gives none that would need it: no
 * public method of a public class of the package returns an {@code Object}, a type variable or
 * a wildcard where a value would be (an {@code Optional<Object>}, a {@code List<?>}, a
 * {@code T} that a {@code Setting<?>} makes unknown). A reader outside gets each setting's type
 * from {@link CatflapConfig}'s accessor, or nothing. Only a {@code Setting<?>} itself, a key,
 * may have its type left open, as the loops over every row have it.
 */
class TypedSettingsApiTest {
    private static final String CONFIG = "dev/catflap/config/";

    @Test
    void noPublicMethodOfConfigGivesAnUntypedValue() throws Exception {
        List<Class<?>> classes = publicClasses();
        assertTrue(classes.contains(CatflapConfig.class) && classes.contains(Setting.class), "the scan finds the package: " + classes);
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && untyped(method.getGenericReturnType())) {
                    offenders.add(type.getSimpleName() + "." + method.getName() + " returns " + method.getGenericReturnType());
                }
            }
        }
        assertEquals(List.of(), offenders, "a value of config/ outside it must have its type: add a typed accessor");
    }

    /** The check can fail: it sees the kinds of return type that the old {@code value(Setting)} had. */
    @Test
    void theCheckSeesAnUntypedValue() throws Exception {
        assertTrue(untyped(Examples.class.getDeclaredMethod("value").getGenericReturnType()));
        assertTrue(untyped(Examples.class.getDeclaredMethod("list").getGenericReturnType()));
        assertTrue(untyped(Examples.class.getDeclaredMethod("parse").getGenericReturnType()));
        assertTrue(untyped(Examples.class.getDeclaredMethod("plain").getGenericReturnType()));
        assertFalse(untyped(Examples.class.getDeclaredMethod("keys").getGenericReturnType()));
        assertFalse(untyped(Examples.class.getDeclaredMethod("typed").getGenericReturnType()));
    }

    /** Whether {@code type} leaves a value's type open: Object, T, or ? anywhere but as a Setting's argument. */
    private static boolean untyped(Type type) {
        if (type == Object.class || type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return true;
        }
        if (type instanceof GenericArrayType array) {
            return untyped(array.getGenericComponentType());
        }
        if (type instanceof ParameterizedType parameterized) {
            if (parameterized.getRawType() == Setting.class) {
                return false;
            }
            return Stream.of(parameterized.getActualTypeArguments()).anyMatch(TypedSettingsApiTest::untyped);
        }
        return false;
    }

    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Setting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes.resolve(CONFIG))) {
            for (Path file : walk.filter(file -> file.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Setting.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unused")
    private abstract static class Examples<T> {
        abstract Optional<Object> value();

        abstract List<?> list();

        abstract T parse();

        abstract Object plain();

        abstract List<Setting<?>> keys();

        abstract Optional<List<Path>> typed();
    }
}
