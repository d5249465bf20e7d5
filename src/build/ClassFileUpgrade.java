import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Rewrites, in the jars under a directory, every class file older than Java 6 (version 50) as a
 * version 50 class with stack maps, and nothing else about it. The JVM keeps no older class in a
 * start-up archive (CDS, AOT cache): picocli, compiled for Java 5, would be read from its jar,
 * parsed and checked by the old type-inferring verifier at every start of catflap. Each rewritten
 * class must pass the JDK's verifier here, or the build fails; a signed jar is left alone.
 *
 * <p>Run at package time on JDK 24+ (java.lang.classfile), as a source file:
 * {@code java src/build/ClassFileUpgrade.java target/quarkus-app/lib}
 */
public final class ClassFileUpgrade {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        ClassFile classFile = classFile(jars);
        for (Path jar : jars) {
            upgrade(jar, classFile);
        }
    }

    /** Stack maps need the class hierarchy: the JDK's, and that of the classes in these jars. */
    private static ClassFile classFile(List<Path> jars) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        return ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                        .orElse(ClassHierarchyResolver.ofResourceParsing(loader)).cached()));
    }

    private static void upgrade(Path jar, ClassFile classFile) throws IOException {
        Path upgraded = jar.resolveSibling(jar.getFileName() + ".upgraded");
        int count = 0;
        try (JarFile in = new JarFile(jar.toFile());
                OutputStream file = Files.newOutputStream(upgraded);
                JarOutputStream out = new JarOutputStream(file)) {
            if (isSigned(in)) {
                return;
            }
            for (JarEntry entry : Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < JAVA_6) {
                        bytes = upgraded(model, classFile, jar);
                        count++;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } finally {
            if (count == 0) {
                Files.deleteIfExists(upgraded);
            }
        }
        if (count > 0) {
            Files.move(upgraded, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("upgraded " + count + " class files to Java 6 in " + jar.getFileName());
        }
    }

    /** The same class as version 50, its code rebuilt so that it gets stack maps. */
    private static byte[] upgraded(ClassModel model, ClassFile classFile, Path jar) {
        ClassTransform version = (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(JAVA_6, 0);
            } else {
                builder.with(element);
            }
        };
        byte[] bytes = classFile.transformClass(model,
                version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
        List<VerifyError> errors = classFile.verify(bytes);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(jar.getFileName() + ": " + model.thisClass().asInternalName()
                    + " does not verify as Java 6: " + errors.get(0).getMessage());
        }
        return bytes;
    }

    private static boolean isSigned(JarFile jar) {
        return jar.stream().anyMatch(entry -> entry.getName().startsWith("META-INF/") && entry.getName().endsWith(".SF"));
    }
}
