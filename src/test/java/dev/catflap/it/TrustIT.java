package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whose files catflap obeys: a settings file another user could have written is ignored with a
 * warning, unless named with --config; the search for the project file ends at the home directory
 * and at the working directory's filesystem. Run as root (as CI does) and, through setpriv, as
 * nobody, in a tree under a fresh 0755 directory with a shared 1777 directory in it.
 */
class TrustIT {
    private static final int NOBODY = 65534;
    private static final String NAME = ".catflap.properties";

    /** 0755, root's: nobody can reach it; removed after each test. */
    Path base;
    /** base/shared, 1777 like /tmp. */
    Path shared;
    Path home;
    Path configHome;

    @BeforeEach
    void tree() throws IOException {
        assumeTrue(isRoot(), "needs root, to be another user than nobody and to chown");
        shared = SharedDirectory.create("catflap-trust");
        base = shared.getParent();
        home = directory(base.resolve("home"), 0755);
        configHome = directory(base.resolve("xdg"), 0755);
    }

    @AfterEach
    void removeTree() throws IOException, InterruptedException {
        if (base == null) {
            return;
        }
        if (Files.exists(base.resolve("other-fs/mounted"))) {
            new ProcessBuilder("umount", base.resolve("other-fs").toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
        SharedDirectory.deleteTree(base);
    }

    @Test
    void projectFileOfAnotherUserIsIgnoredSayingWhyAndHowToUseItAnyway() throws IOException {
        Path file = planted(shared, NOBODY);
        Path below = directory(shared.resolve("x/y"), 0755);
        Catflap.Result result = asRoot(below).run("-p", "0");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] warning: ignoring " + file + ": it belongs to user nobody, not to you or root;"
                + " to use it anyway, name it: --config " + file, result.stderr().lines().findFirst().orElseThrow());
        assertTrue(result.stderr().contains("[catflap] no command given\n"), result.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")), "the planted command must not run");
    }

    @Test
    void ignoredProjectFileDoesNotChangeTheGivenCommandsVariables() throws IOException {
        planted(shared, NOBODY);
        Path below = directory(shared.resolve("x/y"), 0755);
        Catflap.Result result = asRoot(below).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        List<String> environ = environ(ProbeReport.parse(result.stdout()));
        assertTrue(environ.contains("LISTEN_FD=3"), environ.toString());
        assertFalse(environ.contains("PATH=3"), environ.toString());
    }

    @Test
    void projectFileInADirectoryEveryUserCanWriteIsIgnoredEvenIfItIsTheUsersOwn() throws IOException, InterruptedException {
        Path file = planted(shared, NOBODY);
        Path below = directory(shared.resolve("x/y"), 0755);
        Catflap.Result result = asNobody(below, "-p", "0");
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] warning: ignoring " + file + ": its directory " + shared
                + " is writable by every user; to use it anyway, name it: --config " + file + "\n"), result.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")), "the planted command must not run");
    }

    @Test
    void rootsProjectFileInADirectoryEveryUserCanWriteIsIgnoredToo() throws IOException {
        Path file = planted(shared, 0);
        Catflap.Result result = asRoot(directory(shared.resolve("x"), 0755)).run("-p", "0");
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] warning: ignoring " + file + ": its directory " + shared
                + " is writable by every user;"), result.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")));
    }

    @Test
    void configOptionStillUsesAFileTheSearchWouldIgnore() throws IOException, InterruptedException {
        Path file = planted(shared, NOBODY);
        Path below = directory(shared.resolve("x/y"), 0755);
        Catflap.Result result = asRoot(below).run("--config", file.toString(), "-p", "0");
        assertEquals(0, result.exit(), result.stderr());
        assertFalse(result.stderr().contains("warning"), result.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "named with --config, it is obeyed");
        Files.delete(shared.resolve("planted-ran"));
        Catflap.Result asNobody = asNobody(below, "--config", file.toString(), "-p", "0");
        assertEquals(0, asNobody.exit(), asNobody.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "named with --config, it is obeyed");
    }

    @Test
    void usersOwnProjectFileInADirectoryOnlyTheyCanWriteIsObeyed() throws IOException, InterruptedException {
        Path project = directory(base.resolve("project"), 0755);
        planted(project, 0);
        Catflap.Result result = asRoot(directory(project.resolve("src"), 0755)).run("-p", "0");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "root's own file: " + result.stderr());

        Files.delete(shared.resolve("planted-ran"));
        Path nobodys = directory(shared.resolve("nobodys"), 0755);
        planted(nobodys, NOBODY);
        Files.setAttribute(nobodys, "unix:uid", NOBODY);
        Catflap.Result asNobody = asNobody(directory(nobodys.resolve("src"), 0755), "-p", "0");
        assertEquals(0, asNobody.exit(), asNobody.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "nobody's own file: " + asNobody.stderr());
    }

    @Test
    void projectFileInAGroupWritableDirectoryOfTheUsersIsObeyed() throws IOException {
        Path project = directory(base.resolve("project"), 02775);
        planted(project, 0);
        Catflap.Result result = asRoot(project).run("-p", "0");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), result.stderr());
    }

    @Test
    void usersFileInADirectoryOfAnotherUserIsIgnored() throws IOException {
        Path theirs = directory(base.resolve("theirs"), 0755);
        Path file = planted(theirs, 0);
        Files.setAttribute(theirs, "unix:uid", NOBODY);
        Catflap.Result result = asRoot(theirs).run("-p", "0");
        assertEquals(2, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] warning: ignoring " + file + ": its directory " + theirs
                + " belongs to user nobody, not to you or root;"), result.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")));
    }

    @Test
    void linkIsJudgedAndSoIsItsTarget() throws IOException {
        Path project = directory(base.resolve("project"), 0755);
        Path target = planted(directory(base.resolve("team"), 0755), NOBODY);
        Path link = Files.createSymbolicLink(project.resolve(NAME), target);
        Catflap.Result toTheirs = asRoot(project).run("-p", "0");
        assertTrue(toTheirs.stderr().startsWith("[catflap] warning: ignoring " + link + ": its target " + target
                + " belongs to user nobody, not to you or root;"), toTheirs.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")));

        Files.setAttribute(target, "unix:uid", 0);
        Files.setAttribute(link, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Catflap.Result theirLink = asRoot(project).run("-p", "0");
        assertTrue(theirLink.stderr().startsWith("[catflap] warning: ignoring " + link + ": it is a link that belongs to user nobody"),
                theirLink.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")));

        Files.setAttribute(link, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
        Catflap.Result own = asRoot(project).run("-p", "0");
        assertEquals(0, own.exit(), own.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "root's link to root's file: " + own.stderr());
    }

    @Test
    void searchEndsAtTheHomeDirectory() throws IOException {
        planted(base, 0);
        Path project = directory(home.resolve("project"), 0755);
        Catflap.Result result = asRoot(project).run("-p", "0");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] no command given", result.stderr().lines().findFirst().orElseThrow(),
                "a file above the home directory is not found");
        assertFalse(Files.exists(shared.resolve("planted-ran")));

        planted(home, 0);
        Catflap.Result inHome = asRoot(project).run("-p", "0");
        assertEquals(0, inHome.exit(), inHome.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "the home directory itself is searched");
    }

    @Test
    void searchStaysOnTheWorkingDirectorysFilesystem() throws IOException, InterruptedException {
        Path mountPoint = directory(base.resolve("other-fs"), 0755);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "mode=0755", "catflap-test", mountPoint.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0, "cannot mount a tmpfs here");
        Files.createFile(mountPoint.resolve("mounted"));
        planted(base, 0);
        Path below = directory(mountPoint.resolve("project"), 0755);
        Catflap.Result result = asRoot(below).run("-p", "0");
        assertEquals(2, result.exit(), result.stderr());
        assertEquals("[catflap] no command given", result.stderr().lines().findFirst().orElseThrow(),
                "a file on another filesystem is not found");
        assertFalse(Files.exists(shared.resolve("planted-ran")));

        Files.move(base.resolve(NAME), mountPoint.resolve(NAME));
        Catflap.Result atTheTop = asRoot(below).run("-p", "0");
        assertEquals(0, atTheTop.exit(), atTheTop.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), "the filesystem's top directory is searched");
    }

    @Test
    void userFileOfAnotherUserIsIgnoredWithAWarning() throws IOException {
        Path directory = directory(configHome.resolve("catflap"), 0755);
        Path file = Files.writeString(directory.resolve("config.properties"), "catflap.env=FROM_USER\n");
        Files.setAttribute(file, "unix:uid", NOBODY);
        Path project = directory(base.resolve("project"), 0755);
        Catflap.Result result = asRoot(project).run(CoreIT.args(List.of("-p", "0"), Catflap.probe("report")));
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(result.stderr().startsWith("[catflap] warning: ignoring the user file " + file
                + ": it belongs to user nobody, not to you or root\n"), result.stderr());
        assertTrue(environ(ProbeReport.parse(result.stdout())).contains("LISTEN_FD=3"), "the file's env is not used");
    }

    @ParameterizedTest
    @CsvSource({"project,0666,is writable by every user", "local,0666,is writable by every user",
        "user,0666,is writable by every user", "project,0664,is writable by group 4242, not only by you",
        "local,0620,is writable by group 4242, not only by you"})
    void fileOthersCanWriteIsIgnoredThoughItIsTheUsersOwn(String which, String mode, String why) throws IOException {
        Path project = directory(base.resolve("project"), 0755);
        Path file = plantedSettings(which, project);
        Files.setAttribute(file, "unix:gid", 4242);
        Files.setAttribute(file, "unix:mode", Integer.parseInt(mode, 8));
        Catflap.Result result = asRoot(project).run("-p", "0");
        String named = namedInWarnings(which, file);
        assertTrue(result.stderr().startsWith("[catflap] warning: ignoring " + named + ": it " + why), result.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")), "a file others can write is not obeyed");

        if (which.equals("project")) {
            Catflap.Result named2 = asRoot(project).run("--config", file.toString(), "-p", "0");
            assertEquals(0, named2.exit(), named2.stderr());
            assertTrue(Files.exists(shared.resolve("planted-ran")), "named with --config, it is obeyed: " + named2.stderr());
        }
    }

    @ParameterizedTest
    @CsvSource({"project,u:nobody:rw,user nobody", "local,u:nobody:rw,user nobody", "user,u:nobody:rw,user nobody",
        "project,g:4242:rw,group 4242"})
    void fileAnotherUserCanWriteThroughItsAccessListIsIgnored(String which, String entry, String who)
            throws IOException, InterruptedException {
        Path project = directory(base.resolve("project"), 0755);
        Path file = plantedSettings(which, project);
        Files.setAttribute(file, "unix:mode", 0644); // root's own group, root its only member: trusted by its bits
        assumeTrue(setfacl("-m", entry, file.toString()), "needs setfacl and a file system with ACLs");
        Catflap.Result result = asRoot(project).run("-p", "0");
        String named = namedInWarnings(which, file);
        assertTrue(result.stderr().startsWith("[catflap] warning: ignoring " + named + ": it is writable by " + who
                + " through its access control list"), result.stderr());
        assertFalse(Files.exists(shared.resolve("planted-ran")), "a file others can write through its ACL is not obeyed");

        assertTrue(setfacl("-x", entry.substring(0, entry.lastIndexOf(':')), file.toString()), "setfacl -x");
        Catflap.Result without = asRoot(project).run("-p", "0");
        assertTrue(Files.exists(shared.resolve("planted-ran")), "without the entry it is obeyed: " + without.stderr());
    }

    /**
     * A settings file of {@code which} kind (project, local, user) that runs the planted command,
     * beside a harmless project file (none for the user file's case, which the project file would outrank).
     */
    private Path plantedSettings(String which, Path project) throws IOException {
        Path projectFile = Files.writeString(project.resolve(NAME), "catflap.quiet=true\ncatflap.command=true\n");
        Path file = switch (which) {
            case "project" -> planted(project, 0);
            case "local" -> Files.writeString(project.resolve(".catflap.local.properties"),
                    "catflap.command=touch " + shared.resolve("planted-ran") + "\n");
            default -> Files.writeString(directory(configHome.resolve("catflap"), 0755).resolve("config.properties"),
                    "catflap.command=touch " + shared.resolve("planted-ran") + "\n");
        };
        if (which.equals("user")) {
            Files.delete(projectFile);
        }
        return file;
    }

    /** How catflap's warning names a settings file of {@code which} kind. */
    private static String namedInWarnings(String which, Path file) {
        return switch (which) {
            case "project" -> file.toString();
            case "local" -> "the local file " + file;
            default -> "the user file " + file;
        };
    }

    private static boolean setfacl(String... arguments) throws InterruptedException {
        try {
            Process setfacl = new ProcessBuilder(Stream.concat(Stream.of("setfacl"), Stream.of(arguments)).toList())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return setfacl.waitFor(10, TimeUnit.SECONDS) && setfacl.exitValue() == 0;
        } catch (IOException e) {
            return false; // no setfacl
        }
    }

    @Test
    void groupWritableFileOfTheUsersPrivateGroupIsObeyed() throws IOException {
        Path project = directory(base.resolve("project"), 02775);
        Path file = planted(project, 0);
        Files.setAttribute(file, "unix:mode", 0664); // root's group: root is its only member here
        Catflap.Result result = asRoot(project).run("-p", "0");
        assertEquals(0, result.exit(), result.stderr());
        assertTrue(Files.exists(shared.resolve("planted-ran")), result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {NAME, ".catflap.local.properties"})
    void danglingLinkIsNamedAsALinkWithItsTarget(String name) throws IOException {
        Path project = directory(base.resolve("project"), 0755);
        if (!name.equals(NAME)) {
            Files.writeString(project.resolve(NAME), "catflap.quiet=true\ncatflap.command=true\n");
        }
        Path link = Files.createSymbolicLink(project.resolve(name), base.resolve("gone/nowhere.properties"));
        Catflap.Result result = asRoot(project).run("-p", "0");
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] cannot read " + link + ": a link to " + base.resolve("gone/nowhere.properties")
                + ", which does not exist\n", result.stderr());
    }

    @Test
    void localFileWithoutAProjectFileIsNotReadAndCatflapSaysWhy() throws IOException {
        Path project = directory(base.resolve("project"), 0755);
        Path local = Files.writeString(project.resolve(".catflap.local.properties"), "catflap.port=8123\n");
        Path below = directory(project.resolve("src"), 0755);
        Catflap.Result result = asRoot(below).run("-p", "0", "true");
        assertEquals(0, result.exit(), result.stderr());
        String warning = "[catflap] warning: not reading the local file " + local + ": it overrides a .catflap.properties beside it,"
                + " and there is none\n";
        assertTrue(result.stderr().startsWith(warning), result.stderr());
        assertEquals(1, result.stderr().split("not reading", -1).length - 1, "warned once: " + result.stderr());

        Catflap.Result show = asRoot(below).run("--show-config");
        assertEquals(0, show.exit(), show.stderr());
        assertTrue(show.stdout().contains("\nlocal file:   " + local + " (not read: it overrides a .catflap.properties beside it,"
                + " and there is none)\n"), show.stdout());
        assertFalse(show.stdout().contains("8123"), "its port is not used: " + show.stdout());
    }

    @Test
    void showConfigSaysAProjectFileWasFoundButIgnored() throws IOException {
        Path file = planted(shared, NOBODY);
        Catflap.Result show = asRoot(directory(shared.resolve("x"), 0755)).run("--show-config");
        assertEquals(0, show.exit(), show.stderr());
        assertTrue(show.stdout().contains("\nproject file: " + file + " (found, but ignored: it belongs to user nobody,"
                + " not to you or root)\n"), show.stdout());
    }

    /**
     * The owner's name comes from the system's account lookup (NSS), not from /etc/passwd alone:
     * in a mount namespace whose /etc/passwd lacks nobody, nss-systemd still names uid 65534, as
     * LDAP or SSSD would name a user of theirs.
     */
    @Test
    void ownerIsNamedByTheSystemsAccountLookupNotOnlyByEtcPasswd() throws IOException, InterruptedException {
        Path passwd = Files.write(base.resolve("passwd"), Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.ISO_8859_1).stream()
                .filter(line -> !line.startsWith("nobody:")).toList(), StandardCharsets.ISO_8859_1);
        String withoutNobody = "mount --bind \"$0\" /etc/passwd && exec \"$@\"";
        Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c", withoutNobody, passwd.toString(),
                "sh", "-c", "! grep -q '^nobody:' /etc/passwd && getent passwd 65534 | grep -q '^nobody:'").inheritIO().start();
        assumeTrue(probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "needs unshare and an NSS module that names uid 65534 without /etc/passwd (nss-systemd)");
        Path file = planted(shared, NOBODY);
        Catflap catflap = asRoot(directory(shared.resolve("x"), 0755));
        List<String> line = new ArrayList<>(List.of("unshare", "-m", "sh", "-c", withoutNobody, passwd.toString()));
        line.addAll(catflap.commandLine(List.of("--show-config")));
        Catflap.Result show = catflap.runDirectly(line);
        assertEquals(0, show.exit(), show.stderr());
        assertTrue(show.stdout().contains("\nproject file: " + file + " (found, but ignored: it belongs to user nobody,"
                + " not to you or root)\n"), show.stdout());
    }

    // ---- helpers

    /** A project file that, obeyed, runs its command quietly with its socket's variable as PATH. */
    private Path planted(Path directory, int owner) throws IOException {
        Path file = Files.writeString(directory.resolve(NAME), "catflap.quiet=true\ncatflap.env=PATH\n"
                + "catflap.command=touch " + shared.resolve("planted-ran") + "\n");
        Files.setAttribute(file, "unix:uid", owner);
        return file;
    }

    /** {@code path}, a directory with {@code mode} (sticky and setgid bits too, which PosixFilePermissions lacks). */
    private static Path directory(Path path, int mode) throws IOException {
        Files.createDirectories(path);
        Files.setAttribute(path, "unix:mode", mode);
        return path;
    }

    /** catflap as root in {@code directory}, with this test's HOME and XDG_CONFIG_HOME and no CATFLAP_* of the caller's. */
    private Catflap asRoot(Path directory) {
        Catflap catflap = Catflap.launcher().in(directory).env("HOME", home.toString()).env("XDG_CONFIG_HOME", configHome.toString());
        catflap.environment().keySet().removeIf(name -> name.startsWith("CATFLAP_"));
        return catflap;
    }

    /** catflap as nobody, without root's groups, run to its end. */
    private Catflap.Result asNobody(Path directory, String... args) {
        Catflap catflap = asRoot(directory);
        return catflap.runDirectly(catflap.commandLineAsNobody(List.of(args)));
    }

    private static List<String> environ(ProbeReport report) {
        return report.environ().stream().map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
    }

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
