package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the JVM launcher starts: from the start-up archive the build trained, falling back without
 * a word when the archive cannot be used, and leaving nothing of the JVM behind for the command.
 */
class StartupIT {
    /** The archive for the JDK running these tests (the build's), where the launcher looks for it. */
    private static final Path ARCHIVE = System.getProperty("catflap.archive") != null ? Path.of(System.getProperty("catflap.archive"))
            : Path.of(System.getProperty("catflap.archives", "target/quarkus-app/archive"))
                    .resolve(ArchiveIT.archiveName(Path.of(System.getProperty("java.home"))));
    /** Makes the JVM fail rather than start without the archive. */
    private static final String ARCHIVE_REQUIRED = ARCHIVE.toString().endsWith(".aot") ? "-XX:AOTMode=on" : "-Xshare:on";

    @TempDir
    Path temp;

    @BeforeEach
    void jvmMode() {
        assumeFalse(Catflap.isNative(), "the archive and the launcher are JVM mode's");
    }

    @Test
    void buildTrainsAnArchiveTheLauncherStartsFrom() {
        assertTrue(Files.isRegularFile(ARCHIVE), "./mvnw package wrote " + ARCHIVE);
        assertCommandRan(Catflap.launcher().env("CATFLAP_JAVA_OPTS", ARCHIVE_REQUIRED).run(ranArgs()));
    }

    @Test
    void noClassIsReadFromAJarAtStart() {
        // Everything catflap runs comes from the AOT cache: Quarkus's and catflap's classes (the
        // aot-jar layout puts them on the JVM's class path) and picocli's (upgraded from Java 5 class
        // files, which no archive can hold). Only what the JVM generates at run time is not in it.
        assumeTrue(ARCHIVE.toString().endsWith(".aot"), "the AOT cache of JDK 25+");
        Catflap.Result result = Catflap.launcher().env("CATFLAP_JAVA_OPTS", "-Xlog:class+load=info:stderr")
                .run("-q", "-p", "0", "--", "true");
        assertEquals(0, result.exit(), result.stderr());
        List<String> fromJars = result.stderr().lines().filter(line -> line.contains("source: file:")).toList();
        assertTrue(result.stderr().contains("picocli.CommandLine source: shared objects file"), result.stderr());
        assertEquals(List.of(), fromJars);
    }

    @Test
    void picocliComesFromTheArchiveOnEveryBuildJdk() {
        // picocli's Java 5 class files, upgraded at build time with ASM (every build JDK, 17 too):
        // no archive holds a class older than Java 6.
        Catflap.Result result = Catflap.launcher().env("CATFLAP_JAVA_OPTS", "-Xlog:class+load=info:stderr")
                .run("-q", "-p", "0", "--", "true");
        assertEquals(0, result.exit(), result.stderr());
        List<String> picocli = result.stderr().lines().filter(line -> line.contains(" picocli.")).toList();
        assertTrue(picocli.size() > 20, result.stderr());
        assertEquals(List.of(), picocli.stream().filter(line -> !line.contains("source: shared objects file")).toList());
    }

    @Test
    void archiveServesFromAnyDirectoryThroughASymlink() throws IOException {
        Path installed = Path.of(System.getProperty("catflap.launcher", "target/catflap")).toAbsolutePath();
        Path link = Files.createSymbolicLink(Files.createDirectory(temp.resolve("bin")).resolve("catflap"), installed);
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        assertCommandRan(Catflap.launcherAt(link).in(elsewhere).env("CATFLAP_JAVA_OPTS", ARCHIVE_REQUIRED).run(ranArgs()));
    }

    @Test
    void movedInstallationStartsSilently() throws IOException {
        // The AOT cache (JDK 25) follows the move; a JDK 17 AppCDS archive no longer matches the
        // class path there, and the JVM starts without it.
        assertCommandRan(Catflap.launcherAt(copyInstallation()).in(temp).run(ranArgs()));
    }

    @Test
    void missingArchiveFallsBackSilently() throws IOException {
        Path launcher = copyInstallation();
        Files.delete(archiveOf(launcher));
        assertCommandRan(Catflap.launcherAt(launcher).run(ranArgs()));
    }

    @Test
    void corruptArchiveFallsBackSilently() throws IOException {
        Path launcher = copyInstallation();
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 0x5a);
        Files.write(archiveOf(launcher), garbage);
        assertCommandRan(Catflap.launcherAt(launcher).run(ranArgs()));
    }

    @Test
    void truncatedArchiveFallsBackSilently() throws IOException {
        // JDK 17's JVM dies of SIGBUS on a truncated AppCDS archive; the build renames a finished
        // archive into place, so it cannot leave a truncated one behind.
        assumeTrue(ARCHIVE.toString().endsWith(".aot"), "the AOT cache of JDK 25+ is checked for truncation");
        Path launcher = copyInstallation();
        Path archive = archiveOf(launcher);
        Files.write(archive, Arrays.copyOf(Files.readAllBytes(archive), 100_000));
        assertCommandRan(Catflap.launcherAt(launcher).run(ranArgs()));
    }

    @Test
    void archiveOfAnotherJdkBuildFallsBackSilently() throws IOException {
        Path launcher = copyInstallation();
        Path archive = archiveOf(launcher);
        byte[] bytes = Files.readAllBytes(archive);
        // The header names the JVM that wrote it, e.g. "25.0.3+9-LTS": make it another build.
        byte[] version = System.getProperty("java.vm.version").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, version, 64 * 1024);
        assertTrue(at >= 0, "the archive's header names " + new String(version, StandardCharsets.US_ASCII));
        bytes[at + version.length - 1] ^= 1;
        Files.write(archive, bytes);
        assertCommandRan(Catflap.launcherAt(launcher).run(ranArgs()));
    }

    @Test
    void archiveOlderThanTheJarsFallsBackSilently() throws IOException {
        Path launcher = copyInstallation();
        Path app = launcher.resolveSibling("quarkus-app");
        try (var jars = Files.walk(app)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
            }
        }
        assertCommandRan(Catflap.launcherAt(launcher).run(ranArgs()));
    }

    @Test
    void trainingRunStopsJustBeforeTheExec() {
        Catflap.Result result = Catflap.launcher().env("CATFLAP_JAVA_OPTS", "-Dcatflap.training=true")
                .run(CoreIT.args(List.of("-p", "0", "--"), Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stdout(), "the command did not run");
        assertTrue(result.stderr().matches("\\[catflap] Listening at: 127\\.0\\.0\\.1:\\d+\n"), result.stderr());
    }

    @Test
    void jnaLoadsItsLibraryAsTheBuildUnpackedIt() throws IOException {
        // JNA would otherwise write its dispatch library into a new temporary file at every start
        // (and, told to preserve it, leave it there).
        Path jnaTemp = Files.createDirectory(temp.resolve("jna"));
        Catflap.Result result = Catflap.launcher()
                .env("CATFLAP_JAVA_OPTS", "-Djna.tmpdir=" + jnaTemp + " -Djnidispatch.preserve=true")
                .run("-q", "-p", "0", "--", "true");
        assertEquals(0, result.exit(), result.stderr());
        try (var files = Files.list(jnaTemp)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void theJvmLeavesNoPerformanceDataFileForTheCommand() {
        // The JVM would create /tmp/hsperfdata_<user>/<pid> and remove it only as it exits; the
        // command, which keeps the pid, would show up as a Java process to jps.
        Catflap.Result result = Catflap.launcher().run("-q", "-p", "0", "--", "sh", "-c",
                "for f in /tmp/hsperfdata_*/$$; do [ -e \"$f\" ] && echo \"$f\"; done; true");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("", result.stdout());
    }

    private static String[] ranArgs() {
        return new String[] {"-p", "0", "--", "sh", "-c", "echo ran"};
    }

    /** The command ran, and catflap's listening line is all that reached stderr: no JVM warnings. */
    private static void assertCommandRan(Catflap.Result result) {
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("ran\n", result.stdout(), "the command ran; stderr: " + result.stderr());
        assertTrue(result.stderr().matches("\\[catflap] Listening at: 127\\.0\\.0\\.1:\\d+\n"), result.stderr());
    }

    /** A copy of target/catflap and target/quarkus-app, timestamps kept; returns the copied launcher. */
    private Path copyInstallation() throws IOException {
        Path installed = Path.of(System.getProperty("catflap.launcher", "target/catflap")).toAbsolutePath();
        Path target = Files.createDirectory(temp.resolve("install"));
        Files.copy(installed, target.resolve("catflap"), StandardCopyOption.COPY_ATTRIBUTES);
        copyTree(installed.resolveSibling("quarkus-app"), target.resolve("quarkus-app"));
        return target.resolve("catflap");
    }

    private static Path archiveOf(Path launcher) {
        return launcher.resolveSibling("quarkus-app").resolve("archive").resolve(ARCHIVE.getFileName());
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle, int within) {
        for (int i = 0; i + needle.length <= Math.min(haystack.length, within); i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
