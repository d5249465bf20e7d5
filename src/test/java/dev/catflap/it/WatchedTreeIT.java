package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
     * The directories catflap watches, as the kernel lists them (inotify's watches, by inode): each
     * real directory once, however many links lead to it, and nothing a link up the tree leads to.
     */
    @Test
    void eachRealDirectoryIsWatchedOnceAndNothingAroundTheTree() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src/lib"));
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.createDirectories(temp.resolve("beside/deep/down"));
        Files.createSymbolicLink(temp.resolve("src/a"), Path.of("../shared"));
        Files.createSymbolicLink(temp.resolve("src/b"), shared);
        Files.createSymbolicLink(temp.resolve("src/loop"), Path.of(".."));
        Files.createSymbolicLink(temp.resolve("src/lib/up"), Path.of(".."));
        try (Catflap.Running catflap = Catflap.launcher().start(watching(temp.resolve("src").toString()))) {
            catflap.awaitStdout("run\n");
            Set<Long> expected = new HashSet<>();
            for (Path directory : List.of(temp.resolve("src"), src, shared, temp)) { // temp: where src's own entry is
                expected.add((Long) Files.getAttribute(directory, "unix:ino"));
            }
            assertEquals(expected, watchedInodes(catflap.pid()));
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
                SharedDirectory.deleteTree(dist);
                Files.createDirectory(dist);
                // The restart for the removal: the watcher has seen the new dist by then.
                catflap.awaitStderr(RESTARTING, restarts + 1);
                Files.writeString(dist.resolve("new-" + time + ".js"), "1");
                catflap.awaitStderr(RESTARTING + "dist/new-" + time + ".js changed\n");
            }
        }
    }

    /** The inodes process {@code pid} watches with inotify, from /proc/PID/fdinfo. */
    private static Set<Long> watchedInodes(long pid) throws IOException {
        Set<Long> inodes = new HashSet<>();
        Pattern watch = Pattern.compile("^inotify wd:\\S+ ino:([0-9a-f]+) ");
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fdinfo"))) {
            for (Path fd : fds.toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(fd);
                } catch (NoSuchFileException closed) {
                    continue; // a descriptor the JVM closed meanwhile
                }
                for (String line : lines) {
                    Matcher matcher = watch.matcher(line);
                    if (matcher.find()) {
                        inodes.add(Long.parseLong(matcher.group(1), 16));
                    }
                }
            }
        }
        return inodes;
    }

    private static List<String> watching(String path) {
        return Stream.concat(Stream.of("-p", "0", "--watch", path), COMMAND.stream()).toList();
    }
}
