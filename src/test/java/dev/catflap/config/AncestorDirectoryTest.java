package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.posix.OsString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project file's directory is reached from the working directory through "..", not by its
 * name: here a file system whose working directory is {@code real} stands in for a process whose
 * directory's name was pointed elsewhere (a link put in place of a renamed directory) while the
 * search looked. The file read is the real directory's, or, where the name no longer leads to
 * it, none, with the reason.
 */
class AncestorDirectoryTest {
    @TempDir
    Path directory;

    @Test
    void theDirectoryIsReachedThroughItsDescriptorsNotItsName() throws IOException {
        Path real = Files.createDirectories(directory.resolve("real/sub"));
        Path file = Files.writeString(directory.resolve("real").resolve(ProjectFile.NAME), "catflap.command=true\n");
        SettingsFileSystem system = workingIn(real);

        FoundFile found = FoundFile.open(system, new Trust(system), file, "it", OptionalInt.of(1));
        try {
            assertEquals(Optional.empty(), found.doubt());
            assertEquals(Files.getAttribute(file, "unix:ino"), found.status().inode(), "the file in sub/.. itself");
        } finally {
            system.close(found.fd());
        }
    }

    @Test
    void aDirectoryWhoseNameLedElsewhereIsIgnoredWithTheReason() throws IOException {
        Path real = Files.createDirectories(directory.resolve("real"));
        Files.writeString(real.resolve(ProjectFile.NAME), "catflap.command=true\n");
        Path named = Files.createDirectories(directory.resolve("named"));
        Path namedFile = Files.writeString(named.resolve(ProjectFile.NAME), "catflap.command=touch pwned\n");
        SettingsFileSystem system = workingIn(real);

        FoundFile found = FoundFile.open(system, new Trust(system), namedFile, "it", OptionalInt.of(0));

        assertEquals(Optional.of("its directory " + named + " changed while catflap read it"), found.doubt());
    }

    @Test
    void levelsAreCountedFromTheProcesssWorkingDirectoryOnly() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(OptionalInt.of(0), ProjectFile.levelsUp(here.resolve(ProjectFile.NAME), here));
        assertEquals(OptionalInt.of(2), ProjectFile.levelsUp(here.getParent().getParent().resolve(ProjectFile.NAME), here));
        assertTrue(ProjectFile.levelsUp(directory.resolve(ProjectFile.NAME), directory).isEmpty(), "another directory: by name");
    }

    /** The system's calls, its files trusted, with {@code directory} as the working directory. */
    private static SettingsFileSystem workingIn(Path directory) {
        return new FakeFileSystem(0) {
            @Override
            public int effectiveUid() {
                return uid(directory);
            }

            @Override
            public int openWorkingDirectory() {
                return openDirectory(OsString.encode(directory.toString()));
            }
        };
    }

    private static int uid(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:uid");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
