import java.io.IOException;
import java.io.OutputStream;
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
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * Rewrites, in the jars under a directory, every class file older than Java 6 (version 50) as a
 * version 50 class with stack maps, and nothing else about it. The JVM keeps no older class in a
 * start-up archive (CDS, AOT cache): picocli, compiled for Java 5, would be read from its jar,
 * parsed and checked by the old type-inferring verifier at every start of catflap. Each rewritten
 * class must pass a type-checking verifier here (ASM's), or the build fails; a signed jar is left alone.
 *
 * <p>ASM (Maven Central), not the JDK's java.lang.classfile (24+), so that every build JDK (17 too)
 * runs it. Run at package time as a source file, ASM on the class path:
 * {@code java -cp asm.jar:asm-tree.jar:asm-analysis.jar src/build/ClassFileUpgrade.java target/quarkus-app/lib}
 */
public final class ClassFileUpgrade {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        ClassLoader hierarchy = hierarchy(jars);
        for (Path jar : jars) {
            upgrade(jar, hierarchy);
        }
    }

    /** Stack maps need the class hierarchy: the JDK's, and that of the classes in these jars (loaded, never initialized). */
    private static ClassLoader hierarchy(List<Path> jars) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static void upgrade(Path jar, ClassLoader hierarchy) throws IOException {
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
                // The version read from the header, not by ASM: a newer class than this ASM knows
                // (a multi-release jar's) is copied as it is, never parsed.
                if (entry.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
                    bytes = upgraded(bytes, hierarchy, jar);
                    count++;
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

    private static int majorVersion(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The same class as version 50, its frames computed so that it gets stack maps. */
    private static byte[] upgraded(byte[] bytes, ClassLoader hierarchy, Path jar) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return hierarchy;
            }
        };
        ClassVisitor version = new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int ignored, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(JAVA_6, access, name, signature, superName, interfaces);
            }
        };
        // Old classes have no frames to keep; COMPUTE_FRAMES writes them all.
        new ClassReader(bytes).accept(version, ClassReader.SKIP_FRAMES);
        byte[] result = writer.toByteArray();
        verify(result, hierarchy, jar);
        return result;
    }

    /** Every method of the rewritten class type-checks, its types resolved in the class hierarchy. */
    private static void verify(byte[] bytes, ClassLoader hierarchy, Path jar) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        if (node.version != JAVA_6) {
            throw new IllegalStateException(jar.getFileName() + ": " + node.name + " is version " + node.version);
        }
        for (MethodNode method : node.methods) {
            SimpleVerifier verifier = new SimpleVerifier();
            verifier.setClassLoader(hierarchy);
            try {
                new Analyzer<BasicValue>(verifier).analyze(node.name, method);
            } catch (AnalyzerException e) {
                throw new IllegalStateException(jar.getFileName() + ": " + node.name + "." + method.name + method.desc
                        + " does not verify as Java 6: " + e.getMessage(), e);
            }
        }
    }

    private static boolean isSigned(JarFile jar) {
        return jar.stream().anyMatch(entry -> entry.getName().startsWith("META-INF/") && entry.getName().endsWith(".SF"));
    }
}
