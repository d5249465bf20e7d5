package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --watch follows symbolic links to directories, without looping, and keeps watching directories made again. */
class WatchedTreeIT {
    private static final String RESTARTING = "[catflap] restarting: ";
    /** Says "run" each time it starts, then waits: the watching has begun once it has said so. */
    private static final List<String> COMMAND = List.of("--", "sh", "-c", "echo run; exec sleep 1000");

    @TempDir
    Path temp;

    /** src -> ../shared/src, as in a monorepo. */
    @Test
    void watchedLinkRestartsOnAChangeInItsTarget() throws IOException {
        Path target = Files.createDirectories(temp.resolve("shared/src/lib"));
        Path app = Files.createDirectories(temp.resolve("app"));
        Files.createSymbolicLink(app.resolve("src"), Path.of("../shared/src"));
        try (Catflap.Running catflap = Catflap.launcher().in(app).start(watching("src"))) {
            catflap.awaitStdout("run\n");
            Files.writeString(target.resolve("index.js"), "1");
            catflap.awaitStderr(RESTARTING + "src/lib/index.js changed\n");
            catflap.awaitStdout("run\n", 2);
        }
    }

    @Test
    void linkInsideTheTreeIsWatchedThroughAndSoIsOneMadeLater() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path vendor = Files.createDirectories(temp.resolve("elsewhere/vendor"));
        Path plugins = Files.createDirectories(temp.resolve("elsewhere/plugins"));
        Files.createSymbolicLink(src.resolve("vendor"), vendor);
        try (Catflap.Running catflap = Catflap.launcher().start(watching(src.toString()))) {
            catflap.awaitStdout("run\n");
            Files.writeString(vendor.resolve("lib.js"), "1");
            catflap.awaitStderr(RESTARTING + src.resolve("vendor/lib.js") + " changed\n");
            catflap.awaitStdout("run\n", 2);

            Path later = Files.createSymbolicLink(src.resolve("plugins"), plugins);
            catflap.awaitStderr(RESTARTING + later + " changed\n");
            catflap.awaitStdout("run\n", 3);
            Files.writeString(plugins.resolve("plugin.js"), "1");
            catflap.awaitStderr(RESTARTING + src.resolve("plugins/plugin.js") + " changed\n");
        }
    }

    /** Links back up the tree (to the watched directory's parent, to itself, to /) neither hang catflap nor stop the watching. */
    @Test
    void linksToWhereTheTreeIsNeitherLoopNorWidenTheWatch() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Files.createSymbolicLink(src.resolve("loop"), Path.of(".."));
        Files.createSymbolicLink(src.resolve("self"), Path.of("."));
        Files.createSymbolicLink(Files.createDirectories(src.resolve("lib")).resolve("root"), Path.of("/"));
        try (Catflap.Running catflap = Catflap.launcher().start(watching(src.toString()))) {
            catflap.awaitStdout("run\n");
            Files.writeString(temp.resolve("beside.txt"), "not watched: beside the tree, reached only by a link up");
            Catflap.sleep(500); // more than the watcher's quiet period: a restart for it would come alone
            Path app = Files.writeString(src.resolve("lib/app.js"), "1");
            String stderr = catflap.awaitStderr(RESTARTING + app + " changed\n");
            assertEquals(1, Catflap.occurrences(stderr, RESTARTING), stderr);
            Files.createSymbolicLink(src.resolve("lib/up"), Path.of("../.."));
            catflap.awaitStderr(RESTARTING + src.resolve("lib/up") + " changed\n");
            Path after = Files.writeString(src.resolve("after.js"), "1");
            catflap.awaitStderr(RESTARTING + after + " changed\n");
            assertTrue(catflap.process().isAlive());
        }
    }

    /**
     * {@code rm -rf dist && mkdir dist}, as bundlers do, twice: then a change in the new dist
     * restarts, whether dist is the watched path or a directory under it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dist", "."})
    void directoryRemovedAndMadeAgainIsWatchedAgain(String watched) throws IOException {
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("old.js"), "0");
        try (Catflap.Running catflap = Catflap.launcher().in(temp).start(watching(watched))) {
            catflap.awaitStdout("run\n");
            for (int time = 1; time <= 2; time++) {
                int restarts = Catflap.occurrences(catflap.stderr(), RESTARTING);
                removeTree(dist);
                Files.createDirectory(dist);
                // The restart for the removal: the watcher has seen the new dist by then.
                catflap.awaitStderr(RESTARTING, restarts + 1);
                Files.writeString(dist.resolve("new-" + time + ".js"), "1");
                catflap.awaitStderr(RESTARTING + "dist/new-" + time + ".js changed\n");
            }
        }
    }

    private static List<String> watching(String path) {
        return Stream.concat(Stream.of("-p", "0", "--watch", path), COMMAND.stream()).toList();
    }

    private static void removeTree(Path top) throws IOException {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
