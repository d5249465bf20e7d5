import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the class path of an aot-jar's quarkus-run.jar as one jar, for target/catflap to run.
 *
 * <p>Why: on the way to catflap's code, Quarkus's logging and configuration look resources up
 * through ServiceLoader, and the JVM then opens every one of the ~45 jars on the class path to
 * look in it. That costs about 25 ms of CPU at every start; one jar is opened once. The classes
 * themselves come from the start-up archive either way.
 *
 * <p>The jar means what the class path means: the first entry of a name wins, in class-path
 * order, except META-INF/services files, which are joined (ServiceLoader reads every copy).
 * It must lie two directories below quarkus-app/ (Quarkus's entry point finds the application
 * three levels up from its own jar), and is written under another name and renamed when complete.
 *
 * <p>Run at package time, as a source file (JDK 17+):
 * {@code java src/build/ClassPathJar.java target/quarkus-app/quarkus-run.jar target/quarkus-app/lib/launcher/catflap.jar}
 */
public final class ClassPathJar {
    private static final String SERVICES = "META-INF/services/";
    /** Kept from quarkus-run.jar's manifest: how to start, and what the JVM must allow. */
    private static final List<String> KEPT = List.of("Main-Class", "Add-Opens", "Enable-Native-Access",
            "Implementation-Title", "Implementation-Version");

    public static void main(String[] args) throws IOException {
        Path runJar = Path.of(args[0]);
        Path target = Path.of(args[1]);
        Manifest runManifest;
        try (JarFile jar = new JarFile(runJar.toFile())) {
            runManifest = jar.getManifest();
        }
        List<Path> classPath = classPath(runJar, runManifest);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        write(classPath, manifest(runManifest, anyMultiRelease(classPath)), partial);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("wrote " + classPath.size() + " jars of the class path as " + target);
    }

    private static List<Path> classPath(Path runJar, Manifest manifest) {
        String value = manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(runJar + " has no Class-Path: not an aot-jar or fast-jar runner");
        }
        List<Path> jars = new ArrayList<>();
        for (String relative : value.trim().split("\\s+")) {
            Path jar = runJar.resolveSibling(relative);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(runJar + " names " + relative + ", which is not there");
            }
            jars.add(jar);
        }
        return jars;
    }

    /** A jar's META-INF/versions/ classes count only in a multi-release jar: keep them counting. */
    private static boolean anyMultiRelease(List<Path> classPath) throws IOException {
        for (Path path : classPath) {
            try (JarFile jar = new JarFile(path.toFile())) {
                if (jar.isMultiRelease()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Manifest manifest(Manifest runManifest, boolean multiRelease) {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (String name : KEPT) {
            String value = runManifest.getMainAttributes().getValue(name);
            if (value != null) {
                attributes.putValue(name, value);
            }
        }
        if (multiRelease) {
            attributes.put(Attributes.Name.MULTI_RELEASE, "true");
        }
        return manifest;
    }

    /** Every entry, first of a name wins; services joined. */
    private static void write(List<Path> classPath, Manifest manifest, Path partial) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
            written.add(JarFile.MANIFEST_NAME);
            for (Path path : classPath) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(SERVICES) && !entry.isDirectory()) {
                            ByteArrayOutputStream joined = services.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                            joined.write(jar.getInputStream(entry).readAllBytes());
                            joined.write('\n'); // a last line without one would run into the next jar's first
                        } else if (!skipped(name) && written.add(name)) {
                            copy(jar, entry, out);
                        }
                    }
                }
            }
            for (Map.Entry<String, ByteArrayOutputStream> service : services.entrySet()) {
                out.putNextEntry(new JarEntry(service.getKey()));
                out.write(service.getValue().toByteArray());
                out.closeEntry();
            }
        }
    }

    /** Signatures would not match the joined jar; an index would list the wrong jars. */
    private static boolean skipped(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return name.equals("META-INF/INDEX.LIST")
                || (upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                        && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")));
    }

    private static void copy(JarFile jar, JarEntry entry, JarOutputStream out) throws IOException {
        JarEntry copy = new JarEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        if (!entry.isDirectory()) {
            jar.getInputStream(entry).transferTo(out);
        }
        out.closeEntry();
    }
}
