package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched path that does not exist because a link on its way leads nowhere yet ({@code dl ->
 * target-dir}, {@code vendor -> shared} with {@code --watch vendor/gen}) is watched for where the
 * link leads: the target appearing makes the path appear, and counts. A path the user cannot
 * watch (below a directory it may not search, or a directory it may not read) is refused before
 * anything is bound, as any bad value is, instead of failing after the command started or seeing
 * nothing.
 */
class WatchThroughLinksIT {
    private static final String RESTARTING = "[catflap] restarting: ";
    private static final String RUN = "sh -c 'echo run; exec sleep 1000'";

    @TempDir
    Path temp;
    /** For the cases as nobody, removed after. */
    private Path shared;

    @AfterEach
    void removeShared() throws IOException {
        if (shared != null) {
            SharedDirectory.deleteTree(shared.getParent());
        }
    }

    private Catflap in(Path directory) {
        return Catflap.launcher().in(directory).env("HOME", temp.toString()).env("XDG_CONFIG_HOME", temp.toString());
    }

    @Test
    void aDanglingLinksTargetAppearingCountsAndIsWatched() throws IOException {
        Path project = temp.toRealPath();
        Files.createSymbolicLink(project.resolve("dl"), Path.of("target-dir"));
        try (Catflap.Running catflap = in(project).start("-p", "0", "--watch", "dl", "--", "sh", "-c", "echo run; exec sleep 1000")) {
            catflap.awaitStdout("run\n");
            catflap.awaitStderr("[catflap] dl does not exist yet; watching for " + project.resolve("target-dir")
                    + ", where a link on its way leads, to appear\n");
            Files.createDirectory(project.resolve("target-dir"));
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.awaitStderr(RESTARTING).contains(RESTARTING + "dl changed\n"), catflap.stderr());
            Files.writeString(project.resolve("target-dir/x"), "x");
            catflap.awaitStdout("run\n", 3);
            assertTrue(catflap.awaitStderr(RESTARTING, 2).contains(RESTARTING + "dl/x changed\n"), catflap.stderr());
        }
    }

    @Test
    void aPathBelowADanglingLinkIsWatchedForThroughIt() throws IOException {
        Path project = temp.toRealPath();
        Files.createSymbolicLink(project.resolve("vendor"), Path.of("shared"));
        Files.writeString(project.resolve(".catflap.properties"), "catflap.port=0\ncatflap.watch=vendor/gen\ncatflap.command=" + RUN + "\n");
        try (Catflap.Running catflap = in(project).start()) {
            catflap.awaitStdout("run\n");
            catflap.awaitStderr("[catflap] " + project.resolve("vendor/gen") + " does not exist yet; watching for "
                    + project.resolve("shared") + ", where a link on its way leads, to appear\n");
            Files.createDirectories(project.resolve("shared/gen"));
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.awaitStderr(RESTARTING).contains(RESTARTING + project.resolve("vendor/gen") + " changed\n"),
                    catflap.stderr());
            Files.writeString(project.resolve("shared/gen/y"), "y");
            catflap.awaitStdout("run\n", 3);
            assertTrue(catflap.awaitStderr(RESTARTING, 2).contains(RESTARTING + project.resolve("vendor/gen/y") + " changed\n"),
                    catflap.stderr());
        }
    }

    /**
     * {@code app -> srv/app}, {@code app/vendor -> ../shared}: the kernel takes the '..' from where
     * vendor really is, so it is srv/shared that makes app/vendor/gen appear, not the project's
     * shared (that the spelled path, normalised by the string, named: the restart never came).
     */
    @Test
    void aLinksTargetIsTakenFromWhereTheLinkReallyIs() throws IOException {
        Path project = Files.createDirectory(temp.toRealPath().resolve("project"));
        Path srv = Files.createDirectory(temp.toRealPath().resolve("srv"));
        Files.createDirectory(srv.resolve("app"));
        Files.createSymbolicLink(project.resolve("app"), srv.resolve("app"));
        Files.createSymbolicLink(srv.resolve("app/vendor"), Path.of("../shared"));
        try (Catflap.Running catflap = in(project).start("-p", "0", "--watch", "app/vendor/gen", "--", "sh", "-c",
                "echo run; exec sleep 1000")) {
            catflap.awaitStdout("run\n");
            catflap.awaitStderr("[catflap] app/vendor/gen does not exist yet; watching for " + srv.resolve("shared")
                    + ", where a link on its way leads, to appear\n");
            Files.createDirectory(project.resolve("shared")); // where the spelled path leads: no change of app/vendor/gen
            Files.createDirectories(srv.resolve("shared/gen"));
            catflap.awaitStdout("run\n", 2);
            assertTrue(catflap.awaitStderr(RESTARTING).contains(RESTARTING + "app/vendor/gen changed\n"), catflap.stderr());
            Files.writeString(srv.resolve("shared/gen/z"), "z");
            catflap.awaitStdout("run\n", 3);
            assertTrue(catflap.awaitStderr(RESTARTING, 2).contains(RESTARTING + "app/vendor/gen/z changed\n"),
                    catflap.stderr());
        }
    }

    /** The reviewer's case: Listening, "watching for it", then "cannot watch", status 1, the command never run. */
    @Test
    void aPathBelowADirectoryTheUserCannotSearchIsRefusedBeforeBinding() throws IOException {
        Path rootOnly = rootOnlyDirectory();
        Catflap.Result result = asNobody("-p", "0", "--watch", rootOnly.resolve("inner").toString(), "--",
                "touch", shared.resolve("ran").toString());
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] --watch " + rootOnly.resolve("inner") + ": cannot watch for it in " + rootOnly
                + ": permission denied\n", result.stderr());
        assertFalse(Files.exists(shared.resolve("ran")), "the command must not run");
    }

    /** Unreadable, it was "watched" without a word: nothing in it could ever be seen to change. */
    @Test
    void aDirectoryTheUserCannotReadIsRefused() throws IOException {
        Path rootOnly = rootOnlyDirectory();
        Catflap.Result result = asNobody("-p", "0", "--watch", rootOnly.toString(), "--", "touch", shared.resolve("ran").toString());
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] --watch " + rootOnly + ": permission denied: catflap can see nothing in it to watch\n",
                result.stderr());
        assertFalse(Files.exists(shared.resolve("ran")), "the command must not run");

        // root, who can, watches it
        Catflap.Result root = in(temp).run("-p", "0", "--show-config", "--watch", rootOnly.toString());
        assertEquals(0, root.exit(), root.stderr());
    }

    /** A 0700 directory of root's, with a directory in it, in a directory nobody can reach. */
    private Path rootOnlyDirectory() throws IOException {
        assumeTrue(isRoot(), "needs root, to be another user than nobody");
        shared = SharedDirectory.create("catflap-watch");
        Path rootOnly = Files.createDirectory(shared.resolve("private"));
        Files.createDirectory(rootOnly.resolve("inside"));
        Files.setAttribute(rootOnly, "unix:mode", 0700);
        return rootOnly;
    }

    private Catflap.Result asNobody(String... args) {
        Catflap catflap = Catflap.launcher().in(shared).env("HOME", shared.toString()).env("XDG_CONFIG_HOME", shared.toString());
        return catflap.runDirectly(catflap.commandLineAsNobody(List.of(args)));
    }

    private static boolean isRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }
}
