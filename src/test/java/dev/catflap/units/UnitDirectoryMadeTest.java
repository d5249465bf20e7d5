package dev.catflap.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.catflap.CatflapException;
import dev.catflap.ExitStatus;
import dev.catflap.posix.Errno;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.UnusedFileAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing unit directory inside the project: made in the directory open above it, and removed
 * again when what was made cannot be trusted, every descriptor closed. On a fake file system
 * that says what each directory is, as the kernel would.
 */
class UnitDirectoryMadeTest {
    private static final int USER = 1000;
    private static final int DIRECTORY = 0040000;

    @TempDir
    Path temp;

    @Test
    void madeDirectoriesAreJudgedAndRemovedAgainWhenRefused() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project")).toRealPath();
        Fake files = new Fake(project, "systemd", 0777);
        CatflapException refused = assertThrows(CatflapException.class, () -> UnitDirectory.open(project.resolve("deploy/systemd"),
                "--unit-dir deploy/systemd", Optional.of(project), USER, files, files.closed::add));
        assertTrue(refused.getMessage().startsWith("--unit-dir deploy/systemd: every user may write to it"), refused.getMessage());
        assertEquals(List.of("deploy", "systemd"), files.made);
        assertEquals(List.of("systemd", "deploy"), files.removed, "the deepest first");
        assertEquals(files.opened, Set.copyOf(files.closed), "every descriptor closed");
        assertEquals(files.opened.size(), files.closed.size(), "each once");
    }

    /** The system refusing to make it (a read-only file system, no permission) is a failure, not the user's mistake. */
    @Test
    void aDirectoryTheSystemWillNotMakeIsAFailure() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project")).toRealPath();
        Fake files = new Fake(project, "none", 0755);
        files.refuseToMake = true;
        CatflapException refused = assertThrows(CatflapException.class, () -> UnitDirectory.open(project.resolve("deploy"),
                "--unit-dir deploy", Optional.of(project), USER, files, files.closed::add));
        assertEquals(ExitStatus.FAILURE, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("--unit-dir deploy: cannot make the directory "), refused.getMessage());
    }

    @Test
    void madeDirectoriesStayOpenAboveUntilClosed() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project")).toRealPath();
        Fake files = new Fake(project, "deploy", 0755);
        UnitDirectory directory = UnitDirectory.open(project.resolve("deploy"), "catflap.unit-dir=deploy", Optional.of(project),
                USER, files, files.closed::add);
        assertEquals(project.resolve("deploy"), directory.path());
        assertEquals(1, directory.created().size());
        directory.removeCreated(files);
        directory.close(files.closed::add);
        assertEquals(List.of("deploy"), files.removed);
        assertEquals(files.opened, Set.copyOf(files.closed));
    }

    @Test
    void nothingIsMadeOutsideTheProject() throws IOException {
        Path project = Files.createDirectory(temp.resolve("project")).toRealPath();
        Fake files = new Fake(project, "deploy", 0755);
        CatflapException refused = assertThrows(CatflapException.class, () -> UnitDirectory.open(temp.resolve("units"),
                "--unit-dir ../units", Optional.of(project), USER, files, files.closed::add));
        assertEquals("--unit-dir ../units: no such directory " + temp.resolve("units") + "; catflap makes a missing unit "
                + "directory only inside the project (" + project + "): make it, or choose another", refused.getMessage());
        assertEquals(List.of(), files.made);
    }

    /** The path's directories owned by root, 0755, the project's and those catflap makes the user's. */
    private static final class Fake extends UnusedFileAccess {
        final List<String> made = new ArrayList<>();
        boolean refuseToMake;
        final List<String> removed = new ArrayList<>();
        final Set<Integer> opened = new HashSet<>();
        final List<Integer> closed = new ArrayList<>();
        private final Map<Integer, FileStatus> statuses = new HashMap<>();
        private final Path project;
        private final String loose;
        private final int looseMode;
        private int next = 10;

        /** @param loose the directory made whose mode is {@code looseMode}, as a default ACL or umask could make it */
        Fake(Path project, String loose, int looseMode) {
            this.project = project;
            this.loose = loose;
            this.looseMode = looseMode;
        }

        @Override
        public int openDirectory(int directory, byte[] name) {
            String text = new String(name, StandardCharsets.UTF_8);
            int fd = next++;
            opened.add(fd);
            boolean isMade = made.contains(text);
            boolean isProjects = text.equals(project.getFileName().toString());
            statuses.put(fd, new FileStatus(1, fd, DIRECTORY | (text.equals(loose) ? looseMode : 0755), isMade || isProjects ? USER : 0, 0));
            return fd;
        }

        @Override
        public FileStatus status(int fd) {
            return statuses.get(fd);
        }

        @Override
        public void makeDirectoryAt(int directory, byte[] name, int mode) {
            if (refuseToMake) {
                throw new PosixException("mkdirat", Errno.EACCES);
            }
            assertEquals(0755, mode);
            assertTrue(opened.contains(directory) && !closed.contains(directory), "made in a directory open above it");
            made.add(new String(name, StandardCharsets.UTF_8));
        }

        @Override
        public void removeDirectoryAt(int directory, byte[] name) {
            assertTrue(opened.contains(directory) && !closed.contains(directory), "removed through the directory open above it");
            removed.add(new String(name, StandardCharsets.UTF_8));
        }
    }
}
