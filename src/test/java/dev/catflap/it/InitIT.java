package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code catflap --init}: a starter .catflap.properties in the working directory, every setting
 * commented out, that loads as an empty settings file; never a file overwritten or a link
 * followed, never a word taken as a command.
 */
class InitIT {
    private static final String WROTE = "[catflap] wrote ./.catflap.properties\n";

    @TempDir
    Path temp;
    Path home;
    Path repository;

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        repository = Files.createDirectories(temp.resolve("webapp"));
        Files.createDirectories(repository.resolve(".git"));
    }

    @Test
    void writesEveryKeyCommentedOutAndTheFileLoadsWithoutAWarning() throws IOException {
        Catflap.Result init = catflap(repository).run("--init");
        assertEquals(0, init.exit(), init.stderr());
        assertEquals(WROTE, init.stderr());
        assertEquals("", init.stdout());
        Path file = repository.resolve(".catflap.properties");
        String text = Files.readString(file);
        assertTrue(text.contains(".catflap.local.properties"), "the header names the local file:\n" + text);
        assertTrue(text.contains("#catflap.port=5000\n") && text.contains("#catflap.grace=5\n"), text);

        Catflap.Result show = catflap(repository).run("--show-config");
        assertEquals(0, show.exit(), show.stderr());
        assertEquals("", show.stderr(), "the starter file draws no warning");
        assertTrue(show.stdout().contains("project file: " + file + "\n"), "the starter file is the project file:\n" + show.stdout());
        List<String> keys = keys(show.stdout());
        assertTrue(keys.size() >= 20 && keys.contains("catflap.command"), "keys of --show-config: " + keys);
        for (String key : keys) {
            assertTrue(text.contains("\n#" + key + "="), key + " is not in the starter file, commented out:\n" + text);
            String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            assertTrue(text.contains(variable), variable + " is not named in the starter file:\n" + text);
        }
        for (String row : show.stdout().lines().takeWhile(line -> line.startsWith("catflap.")).toList()) {
            assertTrue(row.endsWith(" default"), "the starter file sets nothing, yet: " + row);
        }
    }

    @Test
    void writesEvenWhereTheProjectFileAboveHasAMistake() throws IOException {
        Files.writeString(repository.resolve(".catflap.properties"), "catflap.port=eighty\n");
        Path service = Files.createDirectories(repository.resolve("services/api"));
        Catflap.Result init = catflap(service).run("--init");
        assertEquals(0, init.exit(), init.stderr());
        assertEquals(WROTE + hides(service, repository), init.stderr());
        assertTrue(Files.isRegularFile(service.resolve(".catflap.properties")));
    }

    /** In a subdirectory, the new file is the nearest: the team's file above is no longer read there, which the writer hears of. */
    @Test
    void warnsOfTheProjectFileAboveThatItHides() throws IOException {
        Files.writeString(repository.resolve(".catflap.properties"), "catflap.port=8080\n");
        Path tests = Files.createDirectories(repository.resolve("tests"));
        Catflap.Result init = catflap(tests).run("--init");
        assertEquals(0, init.exit(), init.stderr());
        assertEquals(WROTE + hides(tests, repository), init.stderr());
        Catflap.Result show = catflap(tests).run("--show-config");
        assertTrue(show.stdout().contains("not read:     " + repository.resolve(".catflap.properties")), show.stdout());
    }

    /** A file catflap would ignore (a directory every user can write to, as /tmp) is no starter: refused, nothing written. */
    @Test
    void refusesWhereCatflapWouldIgnoreTheFile() throws IOException {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Catflap.Result init = catflap(shared).run("--init");
        assertEquals(2, init.exit(), init.stderr());
        assertEquals("[catflap] catflap would ignore ./.catflap.properties here, as any project file it finds there: the "
                + "working directory " + shared + " is writable by every user; write it in a directory only you (or root) can "
                + "write to\n", init.stderr());
        assertFalse(Files.exists(shared.resolve(".catflap.properties"), LinkOption.NOFOLLOW_LINKS), "written anyway");
    }

    private static String hides(Path directory, Path above) {
        return "[catflap] warning: catflap started in " + directory + " or below now reads ./.catflap.properties instead of "
                + above.resolve(".catflap.properties") + " (only the nearest project file is read; nothing is merged)\n";
    }

    @Test
    void neverOverwritesAFile() throws IOException {
        Path file = Files.writeString(repository.resolve(".catflap.properties"), "catflap.port=8080\n");
        Catflap.Result init = catflap(repository).run("--init");
        assertEquals(2, init.exit(), init.stderr());
        assertEquals("[catflap] ./.catflap.properties exists already: catflap --init never overwrites a file; "
                + "edit it, or move it away first\n", init.stderr());
        assertEquals("catflap.port=8080\n", Files.readString(file));
    }

    @Test
    void neverWritesThroughALink() throws IOException {
        Path target = repository.resolve("elsewhere.properties");
        Files.createSymbolicLink(repository.resolve(".catflap.properties"), target);
        Catflap.Result init = catflap(repository).run("--init");
        assertEquals(2, init.exit(), init.stderr());
        assertEquals(1, init.stderr().lines().count(), init.stderr());
        assertTrue(init.stderr().contains("exists already"), init.stderr());
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "the link's target was created");
    }

    @Test
    void takesNoWordAsACommand() throws IOException {
        Path marker = repository.resolve("ran");
        Catflap.Result init = catflap(repository).run("--init", "touch", marker.toString());
        assertEquals(2, init.exit(), init.stderr());
        assertEquals("[catflap] --init takes no command: it only writes ./.catflap.properties (remove touch ...)\n", init.stderr());
        assertFalse(Files.exists(marker), "the command ran");
        assertFalse(Files.exists(repository.resolve(".catflap.properties")), "the file was written after all");

        Catflap.Result word = catflap(repository).run("--init", "init");
        assertEquals(2, word.exit(), word.stderr());
        assertEquals("[catflap] --init takes no command: it only writes ./.catflap.properties (remove init)\n", word.stderr());
    }

    @Test
    void refusesOtherOptionsRatherThanIgnoreThem() {
        for (List<String> args : List.of(List.of("--init", "-p", "8080"), List.of("--show-config", "--init"),
                List.of("--init", "--systemd-units", "app"), List.of("--init", "--no-watch"))) {
            Catflap.Result init = catflap(repository).run(args);
            assertEquals(2, init.exit(), args + ": " + init.stderr());
            assertEquals(1, init.stderr().lines().count(), args + ": " + init.stderr());
            assertTrue(init.stderr().startsWith("[catflap] --init cannot be combined with --"), args + ": " + init.stderr());
            assertFalse(Files.exists(repository.resolve(".catflap.properties")), args + " wrote the file");
        }
    }

    @Test
    void aDirectoryYouCannotWriteToIsOneLine() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to play another user");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(repository, PosixFilePermissions.fromString("rwxr-xr-x"));
        Catflap catflap = catflap(repository);
        Catflap.Result init = catflap.runDirectly(catflap.commandLineAsNobody(List.of("--init")));
        assertEquals(1, init.exit(), init.stderr());
        assertEquals("[catflap] cannot write ./.catflap.properties: permission denied\n", init.stderr());
        assertFalse(Files.exists(repository.resolve(".catflap.properties")));
    }

    /** The keys of --show-config's rows, in order. */
    private static List<String> keys(String report) {
        List<String> keys = new ArrayList<>();
        for (String line : report.lines().toList()) {
            if (line.startsWith("catflap.")) {
                keys.add(line.split(" +")[0]);
            }
        }
        return keys;
    }

    /**
     * "catflap init" is a slip for --init: never the system's init (as root, "init 0" halts), nor
     * any init on PATH, whatever follows the word.
     */
    @ParameterizedTest
    @ValueSource(strings = {"init", "init .", "init --force", "init x", "init 0"})
    void theWordInitIsNoCommandButAHint(String words) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path ran = temp.resolve("init-ran");
        Path init = Files.writeString(bin.resolve("init"), "#!/bin/sh\ntouch '" + ran + "'\n");
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> args = new ArrayList<>(List.of("-p", "0"));
        args.addAll(List.of(words.split(" ")));
        Catflap.Result result = catflap(repository).env("PATH", bin + ":" + System.getenv("PATH")).run(args);
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] " + words + ": did you mean --init, which writes a starter "
                + ".catflap.properties? catflap runs no program named init by that bare name: to run the system's init or "
                + "another, give its path (/sbin/init, ./init)\n"), result.stderr());
        assertFalse(Files.exists(ran), "no init ran");
        assertFalse(Files.exists(repository.resolve(".catflap.properties")), "nothing written");

        Catflap.Result byPath = catflap(repository).run("-p", "0", "-q", init.toString());
        assertEquals(0, byPath.exit(), byPath.stderr());
        assertTrue(Files.exists(ran), "a program named init runs when its path is given");
    }

    private Catflap catflap(Path directory) {
        Catflap catflap = Catflap.launcher().in(directory).env("HOME", home.toString()).env("XDG_CONFIG_HOME", home.toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }
}
