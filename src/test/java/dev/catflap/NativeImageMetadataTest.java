package dev.catflap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a native image needs for JNA, checked without the native-image tool: the metadata under
 * META-INF/native-image names classes, methods and fields that exist in the JNA jar and in
 * catflap, and registers every class JNA's own native library looks up through JNI.
 */
class NativeImageMetadataTest {
    private static final String METADATA = "META-INF/native-image/dev.catflap/catflap/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A class name as JNI writes it, alone in a C string: {@code com/sun/jna/Pointer}. */
    private static final Pattern JNI_CLASS_NAME = Pattern.compile("(com/sun/jna|java)/[A-Za-z0-9_/$]+");

    @Test
    void jniEntriesNameMembersThatExist() {
        checkEntries(metadata("jni-config.json"));
    }

    @Test
    void reflectionEntriesNameMembersThatExist() {
        checkEntries(metadata("reflect-config.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-x86-64", "linux-aarch64"})
    void everyClassJnasNativeLibraryLooksUpIsRegisteredForJni(String platform) {
        Set<String> registered = new TreeSet<>();
        metadata("jni-config.json").forEach(entry -> registered.add(entry.get("name").asText()));
        Set<String> lookedUp = jniClassNames(resource("com/sun/jna/" + platform + "/libjnidispatch.so"));
        assertTrue(lookedUp.contains("com.sun.jna.LastErrorException"), "the scan finds JNA's classes: " + lookedUp);
        lookedUp.removeAll(registered);
        assertTrue(lookedUp.isEmpty(), "looked up by libjnidispatch but not in jni-config.json: " + lookedUp);
    }

    @Test
    void proxiesCoverCatflapsLibraryInterface() {
        List<String> interfaces = new ArrayList<>();
        metadata("proxy-config.json").forEach(entry -> entry.get("interfaces").forEach(i -> interfaces.add(i.asText())));
        assertTrue(interfaces.contains("dev.catflap.posix.LibC"), interfaces.toString());
        assertAll(interfaces.stream().map(name -> (Executable) () ->
                assertTrue(load(name).isInterface(), name + " is an interface")));
    }

    @Test
    void resourcesTheImageIncludesExist() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        String includes = properties.getProperty("quarkus.native.resources.includes");
        assertNotNull(includes, "application.properties sets quarkus.native.resources.includes");
        for (String platform : List.of("linux-x86-64", "linux-aarch64")) {
            assertTrue(includes.contains("com/sun/jna/" + platform + "/libjnidispatch.so"), includes);
        }
        assertAll(List.of(includes.split(",")).stream().map(name -> (Executable) () ->
                assertNotNull(getClass().getClassLoader().getResource(name.strip()), name + " is on the class path")));
    }

    /**
     * Quarkus has Native Image initialize every class at build time unless told otherwise. JNA must
     * be initialized at run time, and so must each posix class whose initializer may use it (its
     * class file has an initializer and names JNA): LibC.INSTANCE's initializer loads libc through
     * JNA, which at build time started JNA's cleaner thread in the builder (the image build failed
     * on it, bench/native-check.sh) and would keep the builder's handles.
     */
    @Test
    void classesWhoseInitializersMayUseJnaAreInitializedAtRunTime() throws IOException, URISyntaxException {
        String args = applicationProperties().getProperty("quarkus.native.additional-build-args", "");
        Set<String> runTime = new TreeSet<>();
        for (String arg : args.split(",")) {
            if (arg.strip().startsWith("--initialize-at-run-time=")) {
                runTime.add(arg.strip().substring("--initialize-at-run-time=".length()));
            }
        }
        assertTrue(runTime.contains("com.sun.jna"), "initialized at run time: " + runTime);
        Path classes = SourceTree.classes();
        Set<String> initializersUsingJna = new TreeSet<>();
        for (Path file : SourceTree.files(classes, ".class")) {
            if (SourceTree.holds(file, "<clinit>") && SourceTree.holds(file, "com/sun/jna")) {
                String name = classes.relativize(file).toString();
                initializersUsingJna.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        assertTrue(initializersUsingJna.contains("dev.catflap.posix.LibC"), "the scan finds LibC: " + initializersUsingJna);
        initializersUsingJna.removeAll(runTime);
        assertTrue(initializersUsingJna.isEmpty(), "initialized at build time but may use JNA: " + initializersUsingJna);
    }

    private Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    /** Every named class, method (by parameter types) and field is declared where the entry says. */
    private static void checkEntries(JsonNode entries) {
        List<Executable> checks = new ArrayList<>();
        entries.forEach(entry -> checks.add(() -> checkEntry(entry)));
        assertFalse(checks.isEmpty());
        assertAll(checks);
    }

    private static void checkEntry(JsonNode entry) {
        String name = entry.get("name").asText();
        Class<?> type = load(name);
        forEach(entry.get("fields"), field -> assertDoesNotThrow(() -> type.getDeclaredField(field.get("name").asText()),
                name + "." + field.get("name").asText()));
        forEach(entry.get("methods"), method -> {
            String methodName = method.get("name").asText();
            List<Class<?>> parameters = new ArrayList<>();
            method.get("parameterTypes").forEach(parameter -> parameters.add(load(parameter.asText())));
            Class<?>[] types = parameters.toArray(new Class<?>[0]);
            assertDoesNotThrow(() -> {
                if (methodName.equals("<init>")) {
                    type.getDeclaredConstructor(types);
                } else {
                    type.getDeclaredMethod(methodName, types);
                }
            }, name + "." + methodName + parameters);
        });
    }

    private static void forEach(JsonNode array, Consumer<JsonNode> action) {
        if (array != null) {
            array.forEach(action);
        }
    }

    /** The NUL-terminated strings of a shared library that are JNI class names, as Java names. */
    private static Set<String> jniClassNames(byte[] library) {
        Set<String> names = new TreeSet<>();
        int start = 0;
        for (int i = 0; i < library.length; i++) {
            if (library[i] == 0) {
                String text = new String(library, start, i - start, StandardCharsets.ISO_8859_1);
                if (JNI_CLASS_NAME.matcher(text).matches()) {
                    names.add(text.replace('/', '.'));
                }
                start = i + 1;
            }
        }
        return names;
    }

    private static Class<?> load(String name) {
        return switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            case "short" -> short.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            default -> name.endsWith("[]") ? load(name.substring(0, name.length() - 2)).arrayType() : forName(name);
        };
    }

    private static Class<?> forName(String name) {
        try {
            return Class.forName(name, false, NativeImageMetadataTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no class " + name, e);
        }
    }

    private static JsonNode metadata(String file) {
        try {
            return JSON.readTree(resource(METADATA + file));
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid JSON", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = NativeImageMetadataTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " is on the class path");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
