package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up archive chosen for the JDK that runs catflap: quarkus-app/archive/ holds one per
 * JDK, which catflap-train writes and the launcher picks by the JDK's release file; and none is
 * used that a user other than root and the caller could have written, nor written where one could
 * swap it.
 */
class ArchiveIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("catflap.launcher", "target/catflap")).toAbsolutePath();
    private static final Path BUILD_JDK = realPath(Path.of(System.getProperty("java.home")));
    /** A class of catflap's own read from a start-up archive (the AOT cache, or AppCDS's top layer). */
    private static final Pattern FROM_ARCHIVE = Pattern.compile("(?m)^\\[.*] dev\\.catflap\\.\\S+ source: shared objects file");
    private static final String LOG_CLASSES = "-Xlog:class+load=info:stderr";
    private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

    private Path base;

    @BeforeEach
    void setUp() throws IOException {
        assumeFalse(Catflap.isNative(), "the archive and the launcher are JVM mode's");
        // Not JUnit's 0700 temporary directory: user nobody must reach the installation.
        base = Files.createTempDirectory("catflap-archive");
        Files.setAttribute(base, "unix:mode", 0755);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (base != null) {
            run(List.of("chmod", "-R", "u+w", base.toString()));
            SharedDirectory.deleteTree(base);
        }
    }

    // ---- one archive per JDK

    @Test
    void eachJdkStartsFromTheArchiveTrainedForIt() throws IOException {
        Path other = otherJdk().orElse(null);
        assumeTrue(other != null, "needs a second JDK 17+ in /usr/lib/jvm besides " + BUILD_JDK);
        // A quote on the way; not a space: JDK 17's AppCDS serves no class from such a path (see below).
        Path launcher = install("it's_here");
        Path archives = launcher.resolveSibling("quarkus-app").resolve("archive");
        Files.delete(archives.resolve(archiveName(BUILD_JDK))); // the build's, copied: only what is trained here
        assertNotEquals(archiveName(BUILD_JDK), archiveName(other));

        // catflap-train without arguments: the JDK of JAVA_HOME
        Catflap.Result trained = train(launcher, other.toString(), List.of());
        assertEquals(0, trained.exit(), trained.stderr());
        assertTrue(Files.isRegularFile(archives.resolve(archiveName(other))), trained.stderr());
        assertTrue(startsFromArchive(launcher, other), "the other JDK starts from its archive");
        assertFalse(startsFromArchive(launcher, BUILD_JDK), "the build's JDK has none here, and takes no other's");

        // a JDK named as an argument
        trained = train(launcher, null, List.of(BUILD_JDK.toString()));
        assertEquals(0, trained.exit(), trained.stderr());
        assertTrue(startsFromArchive(launcher, BUILD_JDK), "the build's JDK starts from its own archive");
        assertTrue(startsFromArchive(launcher, other), "and the other JDK still from its own");
        try (Stream<Path> files = Files.list(archives)) {
            assertEquals(List.of(archiveName(BUILD_JDK), archiveName(other)).stream().sorted().toList(),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    void trainingSaysWhyAnAppCdsJdkGetsNoArchiveInAPathWithASpace() throws IOException {
        Path jdk17 = Stream.concat(Stream.of(BUILD_JDK), otherJdk().stream()).filter(home -> major(release(home)) < 25)
                .findFirst().orElse(null);
        assumeTrue(jdk17 != null, "needs a JDK 17-24");
        Path launcher = install("a space");
        Catflap.Result result = train(launcher, null, List.of(jdk17.toString()));
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap-train] " + jdk17 + ": a JDK before 25 (AppCDS) serves no class from an archive when the installation's"
                + " path has a space, as " + launcher.resolveSibling("quarkus-app/archive") + "; catflap starts without one on this JDK\n",
                result.stderr());
    }

    @Test
    void trainingSaysWhyAPathWithAColonGetsNoArchive() throws IOException {
        // The launcher leaves such an archive out (the JVM would take it for two): training one
        // would end in a misleading "writable by another user?".
        Path launcher = install("a:b");
        Catflap.Result result = train(launcher, null, List.of(BUILD_JDK.toString()));
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap-train] " + launcher.resolveSibling("quarkus-app/archive") + ": the JVM takes a ':' in an archive's"
                + " path for two archives; catflap starts without one there\n", result.stderr());
    }

    @Test
    void trainingByAnotherUserThanTheOwnerSaysWhy() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to act as two users");
        Path launcher = install("install");
        Path archives = launcher.resolveSibling("quarkus-app").resolve("archive");
        List<String> line = new ArrayList<>(Catflap.AS_NOBODY);
        line.addAll(List.of(launcher.resolveSibling("quarkus-app/catflap-train").toString(), BUILD_JDK.toString()));
        Catflap.Result result = Catflap.launcherAt(launcher).env("PATH", SYSTEM_PATH).runDirectly(line);
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap-train] cannot write to " + archives + ": run catflap-train as the owner of the installation"
                + " (root for a system-wide one)\n", result.stderr());
        assertTrue(Files.isRegularFile(archives.resolve(archiveName(BUILD_JDK))), "the installation's archive is kept");
    }

    @Test
    void trainingRefusesWhatIsNoJdk() throws IOException {
        Path launcher = install("install");
        Catflap.Result result = train(launcher, null, List.of(base.toString()));
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap-train] " + base + " is no JDK: no bin/java and release file there\n", result.stderr());
    }

    // ---- the Debian package's maintainer scripts (src/deb/control/), on a copy of the installation

    /**
     * postinst (configure, and triggered by a change in /usr/lib/jvm) trains an archive for each
     * JDK 17+ there and drops those of JDKs gone; prerm (and postrm) remove them all.
     */
    @Test
    void maintainerScriptsTrainForEachJdkAndRemoveWhatTheyMade() throws IOException {
        Path launcher = install("catflap");
        Path archives = launcher.resolveSibling("quarkus-app").resolve("archive");
        Files.writeString(archives.resolve("Gone-17.0.1+1.jsa"), "a JDK removed since");
        List<String> expected;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            expected = homes.filter(home -> !Files.isSymbolicLink(home) && Files.isExecutable(home.resolve("bin/java"))
                    && Files.isRegularFile(home.resolve("release")) && major(release(home)) >= 17)
                    .map(ArchiveIT::archiveName).sorted().toList();
        }
        assertTrue(expected.contains(archiveName(BUILD_JDK)), "the build's JDK is in /usr/lib/jvm: " + expected);

        for (List<String> call : List.of(List.of("configure", "1.0"), List.of("triggered", "/usr/lib/jvm"))) {
            maintainerScript("postinst", launcher, call);
            try (Stream<Path> files = Files.list(archives)) {
                assertEquals(expected, files.map(file -> file.getFileName().toString()).sorted().toList(), String.join(" ", call));
            }
            assertTrue(startsFromArchive(launcher, BUILD_JDK));
        }
        maintainerScript("prerm", launcher, List.of("remove"));
        assertFalse(Files.exists(archives));
        Files.createDirectory(archives);
        Files.writeString(archives.resolve(archiveName(BUILD_JDK)), "written after prerm");
        maintainerScript("postrm", launcher, List.of("purge"));
        assertFalse(Files.exists(archives));
        assertTrue(Files.exists(launcher), "nothing but the archives");
    }

    /** src/deb/control/SCRIPT with its APP (/usr/lib/catflap) the application directory of {@code launcher}, run with {@code args}. */
    private void maintainerScript(String script, Path launcher, List<String> args) throws IOException {
        String text = Files.readString(Path.of("src/deb/control", script));
        assertTrue(text.contains("\nAPP=/usr/lib/catflap\n"), script);
        Path copy = Files.writeString(base.resolve(script), text.replace("\nAPP=/usr/lib/catflap\n", "\nAPP='" + launcher.resolveSibling("quarkus-app") + "'\n"));
        List<String> line = new ArrayList<>(List.of("sh", copy.toString()));
        line.addAll(args);
        // Not Catflap's one-minute limit: postinst trains once per JDK, a minute or more on a loaded machine.
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(base.resolve(script + ".log").toFile());
        builder.environment().put("PATH", SYSTEM_PATH);
        builder.environment().remove("JAVA_HOME");
        try {
            Process process = builder.start();
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), script + " ended");
            assertEquals(0, process.exitValue(), script + ": " + Files.readString(base.resolve(script + ".log")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- never an archive another user could have written

    /**
     * The installation's own archive starts catflap (the control); once another user could have
     * written it (or replaced it, or any directory on its way), the launcher starts without it,
     * silently: the command still runs and stderr has only catflap's own line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"group-writable archive", "archive of another user", "archive a link", "archive directory others may write",
        "archive replaced by another user", "installation directory others may write", "directory of another user on the way"})
    void archiveAnotherUserCouldWriteIsNotUsed(String how) throws IOException {
        Path launcher = install("install");
        Path archives = launcher.resolveSibling("quarkus-app").resolve("archive");
        Path archive = archives.resolve(archiveName(BUILD_JDK));
        trainHere(launcher);
        assertTrue(startsFromArchive(launcher, BUILD_JDK), "the control: the installation's own archive is used");

        switch (how) {
            case "group-writable archive" -> run(List.of("chmod", "g+w", archive.toString()));
            case "archive of another user" -> run(List.of("chown", "65534", archive.toString()));
            case "archive a link" -> {
                // to a copy of root's, in a directory of root's that nobody else may write to
                Path kept = Files.copy(archive, base.resolve("kept.archive"), StandardCopyOption.COPY_ATTRIBUTES);
                Files.delete(archive);
                Files.createSymbolicLink(archive, kept);
            }
            case "archive directory others may write" -> run(List.of("chmod", "0777", archives.toString()));
            case "archive replaced by another user" -> {
                run(List.of("chmod", "0777", archives.toString()));
                // the attacker: nobody puts a file of its own in its place (here the same bytes)
                List<String> attacker = new ArrayList<>(Catflap.AS_NOBODY);
                attacker.addAll(List.of("sh", "-c", "cp \"$1\" \"$1.x\" && mv -f \"$1.x\" \"$1\"", "sh", archive.toString()));
                assertEquals(0, run(attacker), "nobody replaced the archive");
                assertEquals(65534, Files.getAttribute(archive, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            }
            case "installation directory others may write" -> run(List.of("chmod", "0777", launcher.getParent().toString()));
            case "directory of another user on the way" -> run(List.of("chown", "65534", launcher.getParent().toString()));
            default -> throw new IllegalArgumentException(how);
        }
        assertFalse(startsFromArchive(launcher, BUILD_JDK), how + ": the launcher started from it");
    }

    @Test
    void stickyDirectoryAboveTheInstallationIsNoHarm() throws IOException {
        // as /tmp: others may add entries there, but not replace the installation's
        Path launcher = install("install");
        trainHere(launcher);
        run(List.of("chmod", "1777", base.toString()));
        assertTrue(startsFromArchive(launcher, BUILD_JDK));
    }

    /**
     * catflap-train writes nothing where another user could swap it: in an archive directory that
     * user nobody may write to, a racing swapper turns each new entry into a link to a file of
     * root's, which the JVM would then write through, or read back as the AOT configuration the
     * cache every user maps is built from (without the check, the swapper won that: the child JVM
     * read root's file instead). Six runs, each refused before anything is written; the swapper was
     * ready, swapped nothing, and wins the same race on an entry made there.
     */
    @Test
    void trainingRefusesADirectoryAnotherUserMayWriteTo() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to act as two users");
        Path launcher = install("install");
        Path archives = launcher.resolveSibling("quarkus-app").resolve("archive");
        run(List.of("chmod", "0777", archives.toString()));
        Path precious = Files.writeString(base.resolve("precious"), "root's");
        String name = archiveName(BUILD_JDK);
        List<String> swapperLine = new ArrayList<>(Catflap.AS_NOBODY);
        swapperLine.addAll(List.of("python3", Path.of("target/test-classes/swapper.py").toAbsolutePath().toString(),
                archives.toString(), name, precious.toString(), "600"));
        try (Catflap.Running swapper = Catflap.launcher().env("PATH", SYSTEM_PATH).startDirectly(swapperLine)) {
            swapper.awaitStdout("ready");
            for (int i = 0; i < 6; i++) {
                Catflap.Result result = train(launcher, null, List.of(BUILD_JDK.toString()));
                assertEquals("root's", Files.readString(precious), "the swapper: " + swapper.stdout() + "; " + result.stderr());
                assertEquals(1, result.exit(), result.stderr());
                assertEquals("[catflap-train] refused: other users may write to " + archives + "\n", result.stderr());
            }
            assertFalse(swapper.stdout().contains("swapped"), swapper.stdout());
            Files.writeString(archives.resolve(name + ".control"), "x");
            swapper.awaitStdout("swapped " + name + ".control");
        }
    }

    // ---- helpers

    /** Whether catflap, started by {@code launcher} on {@code jdk}, loaded a class of its own from an archive. */
    private static boolean startsFromArchive(Path launcher, Path jdk) {
        Catflap.Result result = Catflap.launcherAt(launcher).env("JAVA_HOME", jdk.toString()).env("CATFLAP_JAVA_OPTS", LOG_CLASSES)
                .run("-p", "0", "--", "sh", "-c", "echo ran");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("ran\n", result.stdout(), result.stderr());
        String own = result.stderr().lines().filter(line -> !line.startsWith("[") || line.startsWith("[catflap]"))
                .collect(Collectors.joining("\n"));
        assertTrue(own.matches("\\[catflap] Listening at: 127\\.0\\.0\\.1:\\d+"), "no word of the JVM's: " + own);
        assertTrue(result.stderr().contains("java.lang.Object source: "), "the class log works: " + result.stderr());
        return FROM_ARCHIVE.matcher(result.stderr()).find();
    }

    /** Trains the copy's own archive for the build's JDK: JDK 17's AppCDS one does not follow the installation's move. */
    private static void trainHere(Path launcher) {
        Catflap.Result trained = train(launcher, null, List.of(BUILD_JDK.toString()));
        assertEquals(0, trained.exit(), trained.stderr());
    }

    private static Catflap.Result train(Path launcher, String javaHome, List<String> args) {
        List<String> line = new ArrayList<>(List.of(launcher.resolveSibling("quarkus-app/catflap-train").toString()));
        line.addAll(args);
        Catflap catflap = Catflap.launcherAt(launcher).env("PATH", SYSTEM_PATH);
        if (javaHome == null) {
            catflap.withoutEnv("JAVA_HOME");
        } else {
            catflap.env("JAVA_HOME", javaHome);
        }
        return catflap.runDirectly(line);
    }

    /** A copy of the built installation (launcher, quarkus-app/ with catflap-train) in base/{@code name}, all root's, 0755. */
    private Path install(String name) throws IOException {
        Path target = Files.createDirectory(base.resolve(name));
        Files.setAttribute(target, "unix:mode", 0755);
        Files.copy(LAUNCHER, target.resolve("catflap"), StandardCopyOption.COPY_ATTRIBUTES);
        StartupIT.copyTree(LAUNCHER.resolveSibling("quarkus-app"), target.resolve("quarkus-app"));
        return target.resolve("catflap");
    }

    /** The name the launcher gives the archive of {@code jdk}: IMPLEMENTOR-JAVA_RUNTIME_VERSION (spaces as _), .aot on 25+, else .jsa. */
    static String archiveName(Path jdk) {
        Map<String, String> release = release(jdk);
        String key = (release.get("IMPLEMENTOR") + "-" + release.get("JAVA_RUNTIME_VERSION")).replace(' ', '_');
        return key + (major(release) >= 25 ? ".aot" : ".jsa");
    }

    private static Map<String, String> release(Path jdk) {
        try {
            return Files.readAllLines(jdk.resolve("release")).stream().filter(line -> line.contains("="))
                    .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                            line -> line.substring(line.indexOf('=') + 1).replaceAll("^\"|\"$", ""), (a, b) -> b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int major(Map<String, String> release) {
        return Integer.parseInt(release.getOrDefault("JAVA_VERSION", "0").replaceAll("[^0-9].*", ""));
    }

    /** A JDK 17+ in /usr/lib/jvm other than the build's, for another archive. */
    private static Optional<Path> otherJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> !Files.isSymbolicLink(home) && Files.isExecutable(home.resolve("bin/java"))
                    && Files.isRegularFile(home.resolve("release")) && major(release(home)) >= 17)
                    .map(ArchiveIT::realPath).filter(home -> !home.equals(BUILD_JDK)
                            && !archiveName(home).equals(archiveName(BUILD_JDK)))
                    .sorted().findFirst();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
