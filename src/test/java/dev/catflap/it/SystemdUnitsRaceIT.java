package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code catflap --systemd-units} against another user who can write to the unit directory, or
 * to a directory on the way to it, and races catflap: src/test/resources/swapper.py as nobody,
 * swapping each new {@code .catflap-unit.*} file for a link to a file of the user's (root's, as
 * CI runs) the moment it appears. Nothing of the user's may change, and neither unit may end up
 * as the other user's link; the path printed for {@code systemctl link} must be one nobody else
 * can change.
 */
class SystemdUnitsRaceIT {
    private static final int NOBODY = 65534;
    /** Debian's "users", which lists no member: a group of several users, as far as catflap can tell. */
    private static final int USERS = 100;
    private static final int RUNS = 6;
    private static final String VICTIM_TEXT = "the user's own file\n";
    private static final String CONSEQUENCE = ", so another user could change what the units you link from it run: "
            + "write them in a directory that only you can write to\n";

    /** 0755, root's; removed after each test. */
    Path base;
    /** A file of root's, 0600, that the swapper's links point at. */
    Path victim;

    @BeforeEach
    void tree() throws IOException {
        assumeTrue(isRoot(), "needs root, to be another user than nobody and to chown");
        base = SharedDirectory.create("catflap-units-race").getParent();
        victim = Files.writeString(base.resolve("victim"), VICTIM_TEXT);
        Files.setAttribute(victim, "unix:mode", 0600);
    }

    @AfterEach
    void removeTree() throws IOException {
        if (base != null) {
            SharedDirectory.deleteTree(base);
        }
    }

    /**
     * A directory another user can write to: group-writable, the swapper a member of its group
     * (2775, as a team's shared directory), writable by all (0777), or by all but sticky (1777, as /tmp).
     * Refused before anything is created, so the swapper never gets a file to swap; catflap
     * before this change wrote into the 2775 one, and the swapper chmodded and overwrote the
     * victim through catflap.
     */
    @ParameterizedTest(name = "mode {0}")
    @ValueSource(ints = {02775, 0777, 01777})
    void aUnitDirectoryAnotherUserCanWriteToIsRefusedAndTheSwapperGetsNothing(int mode) throws Exception {
        boolean group = mode == 02775;
        Path units = unitDirectory(mode, group ? USERS : 0);
        String expected = "[catflap] --unit-dir " + units + ": " + (group ? "the members of group users" : "every user")
                + " may write to it" + CONSEQUENCE;
        try (Swapper swapper = group ? Swapper.start(units, victim, "--groups=" + USERS) : Swapper.start(units, victim)) {
            for (int run = 0; run < RUNS; run++) {
                Catflap.Result result = Catflap.launcher().in(base)
                        .run("--systemd-units", "app", "--unit-dir", units.toString(), "-p", "8080", "--", "/bin/cat");
                // what the swapper did first: before this change it won here in the 2775 directory
                assertVictimUnchanged();
                assertNoLinks(units);
                assertEquals(2, result.exit(), result.stderr());
                assertEquals(expected, result.stderr());
            }
        }
        try (Stream<Path> files = Files.list(units)) {
            assertEquals(List.of(), files.toList(), "nothing created, nothing swapped");
        }
    }

    /**
     * The writing itself, where a swapper still gets in: a group the group files say is root's
     * alone (root's private group, which catflap accepts group-writable, as with the umask 002 of
     * user private groups), which nobody is given all the same. The swapper wins its races
     * (it swaps the temporary files), but catflap writes and chmods only the files it created,
     * through their descriptors, and leaves no link under a unit's name.
     */
    @Test
    void writingThroughDescriptorsNeverTouchesTheSwappersTarget() throws Exception {
        Path units = unitDirectory(02775, 0);
        int written = 0;
        try (Swapper swapper = Swapper.start(units, victim, "--groups=0")) {
            for (int run = 0; run < RUNS; run++) {
                Catflap.Result result = Catflap.launcher().in(base)
                        .run("--systemd-units", "app", "--unit-dir", units.toString(), "-p", "808" + run, "--", "/bin/cat");
                assertVictimUnchanged();
                assertNoLinks(units);
                if (result.exit() == 0) {
                    written++;
                    assertTrue(Files.readString(units.resolve("app.socket")).contains("\nListenStream=127.0.0.1:808" + run + "\n"));
                    assertTrue(Files.readString(units.resolve("app.service")).startsWith("# Generated by catflap"));
                } else {
                    assertEquals(1, result.exit(), result.stderr());
                    assertTrue(result.stderr().startsWith("[catflap] cannot write the units in " + units + ": "),
                            result.stderr());
                }
            }
            assertTrue(swapper.swaps() > 0, "the race was run: the swapper swapped a temporary file (catflap wrote the units in " + written + " of " + RUNS + " runs)");
        }
    }

    /**
     * /shared is 1777; nobody's link /shared/units leads to root's own deploy/. catflap judged
     * the path as given and printed it for systemctl link, which keeps it, so nobody could later
     * point it at units of theirs: now the real path is judged, written to and printed.
     */
    @Test
    void aUnitDirectoryReachedThroughAnotherUsersLinkIsNamedByItsRealPath() throws Exception {
        Path deploy = Files.createDirectory(base.resolve("deploy"));
        Path link = Files.createSymbolicLink(base.resolve("shared/units"), deploy);
        Files.setAttribute(link, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Catflap.Result result = Catflap.launcher().in(base)
                .run("--systemd-units", "app", "--unit-dir", link.toString(), "-p", "8080", "--", "/bin/cat");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stderr().contains("[catflap] install them: systemctl --user link " + deploy.resolve("app.socket")
                + " " + deploy.resolve("app.service") + " && "), result.stderr());
        assertTrue(result.stderr().contains("[catflap] wrote " + deploy.resolve("app.socket")), result.stderr());
        assertFalse(result.stderr().contains(link.toString()), result.stderr());
        assertFalse(Files.readString(deploy.resolve("app.socket")).contains(link.toString()));
    }

    /** A directory on the way that another user owns, or may write to without the sticky bit: refused. */
    @Test
    void aDirectoryOnTheWayThatAnotherUserCanChangeIsRefused() throws Exception {
        Path nobodys = Files.createDirectory(base.resolve("shared/nobodys"));
        Files.setAttribute(nobodys, "unix:uid", NOBODY);
        Path units = Files.createDirectory(nobodys.resolve("units"));
        Catflap.Result owned = Catflap.launcher().in(base)
                .run("--systemd-units", "app", "--unit-dir", units.toString(), "-p", "8080", "--", "/bin/cat");
        assertEquals(2, owned.exit(), owned.stderr());
        assertEquals("[catflap] --unit-dir " + units + ": " + nobodys + " belongs to user nobody, not to you or root"
                + CONSEQUENCE, owned.stderr());

        Path open = Files.createDirectory(base.resolve("open"));
        Files.setAttribute(open, "unix:mode", 0777);
        Path inOpen = Files.createDirectory(open.resolve("units"));
        Catflap.Result writable = Catflap.launcher().in(base)
                .run("--systemd-units", "app", "--unit-dir", inOpen.toString(), "-p", "8080", "--", "/bin/cat");
        assertEquals(2, writable.exit(), writable.stderr());
        assertEquals("[catflap] --unit-dir " + inOpen + ": every user may write to " + open + ", which is not sticky, "
                + "and rename units away" + CONSEQUENCE, writable.stderr());
        try (Stream<Path> files = Stream.concat(Files.list(units), Files.list(inOpen))) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    /** base/units, root's, with {@code mode} and group {@code gid}. */
    private Path unitDirectory(int mode, int gid) throws IOException {
        Path units = Files.createDirectory(base.resolve("units"));
        Files.setAttribute(units, "unix:gid", gid);
        Files.setAttribute(units, "unix:mode", mode);
        return units;
    }

    private void assertVictimUnchanged() throws IOException {
        assertEquals(0600, (Integer) Files.getAttribute(victim, "unix:mode") & 07777, "the victim's mode");
        assertEquals(VICTIM_TEXT, Files.readString(victim), "the victim's content");
    }

    private static void assertNoLinks(Path units) {
        for (String name : List.of("app.socket", "app.service")) {
            assertFalse(Files.isSymbolicLink(units.resolve(name)), name + " is the swapper's link");
        }
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** swapper.py, run as nobody, for as long as the test needs it. */
    static final class Swapper implements AutoCloseable {
        private static final Path SCRIPT = Path.of("src/test/resources/swapper.py");
        /** Debian's, which nobody can run (a python3 earlier on PATH may be under root's home). */
        private static final String PYTHON = "/usr/bin/python3";
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private Swapper(Process process, BufferedReader out) {
            this.process = process;
            this.reader = new Thread(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // ended
                }
            });
            reader.start();
        }

        /** Started, its watch in place ("ready"); {@code groups} as setpriv takes them, e.g. --groups=0. */
        static Swapper start(Path directory, Path target, String... groups) throws IOException {
            // a copy nobody can read, in the test's own tree
            Path script = directory.getParent().resolve("swapper.py");
            if (!Files.exists(script)) {
                Files.copy(SCRIPT, script);
                Files.setAttribute(script, "unix:mode", 0755);
            }
            List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534"));
            command.add(groups.length == 0 ? "--clear-groups" : groups[0]);
            command.addAll(List.of(PYTHON, script.toString(), directory.toString(), ".catflap-unit", target.toString(),
                    "300"));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertEquals("ready", first, "the swapper's first line");
            return new Swapper(process, out);
        }

        /** How many swaps it won so far. */
        int swaps() {
            synchronized (lines) {
                return (int) lines.stream().filter(line -> line.startsWith("swapped ")).count();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }
    }
}
