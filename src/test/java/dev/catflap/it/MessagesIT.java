package dev.catflap.it;

import static dev.catflap.it.CoreIT.args;
import static dev.catflap.it.CoreIT.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures that say what is really wrong, where the system's own words would mislead. */
class MessagesIT {
    private static final String BAD_INTERPRETER = ": bad interpreter /nonexistent/sh: no such file or directory\n";

    @TempDir
    Path temp;

    /** A directory another user can reach, for the tests that run catflap as nobody; removed after each. */
    private Path shared;

    @AfterEach
    void removeShared() throws IOException {
        if (shared != null) {
            try (Stream<Path> files = Files.walk(shared)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
                    Files.delete(file);
                }
            }
        }
    }

    // ---- a script whose #! interpreter is missing

    private Path script(String name) throws IOException {
        Path script = Files.writeString(temp.resolve(name), "#!/nonexistent/sh\ntouch ran\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aScriptWithoutItsInterpreterIsABadInterpreterBeforeAnythingIsBound() throws IOException {
        script("serve");
        Catflap.Result result = Catflap.launcher().in(temp).run("-p", "0", "./serve");
        assertEquals(126, result.exit(), result.stderr());
        assertEquals("[catflap] ./serve" + BAD_INTERPRETER, result.stderr(), "nothing bound, one line");

        Catflap.Result searched = Catflap.launcher().in(temp).env("PATH", temp + ":/usr/bin:/bin").run("-p", "0", "--spawn", "serve");
        assertEquals(126, searched.exit(), searched.stderr());
        assertEquals("[catflap] serve" + BAD_INTERPRETER, searched.stderr());
    }

    /** The interpreter's own interpreter is missing: the checks pass, and execve fails with ENOENT. */
    /** The kernel reads 256 bytes of a #! line: a longer one is no #! line to it (ENOEXEC), and sh runs the file, as shells do. */
    @Test
    void aHashBangLineLongerThanTheKernelReadsRunsUnderSh() throws IOException {
        Path script = temp.resolve("long");
        Files.writeString(script, "#!/" + "a".repeat(300) + "\necho ran under sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Catflap.Result result = Catflap.launcher().in(temp).run("-q", "-p", "0", "--", "./long");
        assertEquals(0, result.exit(), result.stderr());
        assertEquals("ran under sh\n", result.stdout());
    }

    @Test
    void anExecThatFailsForTheInterpreterSaysSo() throws IOException {
        Path inner = script("inner");
        Path outer = Files.writeString(temp.resolve("outer"), "#!" + inner + "\n");
        Files.setPosixFilePermissions(outer, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (List<String> options : List.of(List.of("-p", "0", "-q"), List.of("-p", "0", "-q", "--spawn"))) {
            Catflap.Result result = Catflap.launcher().in(temp).run(args(options, List.of("./outer")));
            assertEquals(126, result.exit(), options + ": " + result.stderr());
            assertEquals("[catflap] ./outer: bad interpreter " + inner + ": no such file or directory\n", result.stderr(), options.toString());
        }
    }

    @Test
    void anInterpreterGoneBeforeARestartIsABadInterpreter() throws IOException {
        Path interpreter = Files.copy(Path.of("/bin/sh"), temp.resolve("sh"));
        Path script = Files.writeString(temp.resolve("serve"), "#!" + interpreter + "\ntouch started\nexec sleep 600\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path src = Files.createDirectories(temp.resolve("src"));
        try (Catflap.Running catflap = Catflap.launcher().in(temp).start("-p", "0", "--watch", src.toString(), "./serve")) {
            catflap.awaitPort();
            awaitFile(temp.resolve("started"));
            Files.delete(interpreter);
            Files.writeString(src.resolve("app.txt"), "changed");
            catflap.awaitStderr("[catflap] ./serve: bad interpreter " + interpreter
                    + ": no such file or directory; trying again on the next change\n");
        }
    }

    private static void awaitFile(Path file) {
        long deadline = System.nanoTime() + Catflap.TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "no " + file);
            Thread.onSpinWait();
        }
    }

    // ---- another user's files, as nobody

    /** catflap run as nobody in {@code directory}, with {@code args}. */
    private Catflap.Result asNobody(Path directory, String... args) {
        Catflap catflap = Catflap.launcher().in(directory).env("HOME", shared.toString()).env("XDG_CONFIG_HOME", shared.toString());
        return catflap.runDirectly(catflap.commandLineAsNobody(List.of(args)));
    }

    /** A fresh directory under /tmp that nobody can reach (a @TempDir's parents may be closed to it), owned by root. */
    private Path shared() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root, to be another user than nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        shared = Files.createTempDirectory(Path.of("/tmp"), "catflap-messages");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        return shared;
    }

    /** A directory with {@code mode} in octal: NIO cannot set the sticky bit. */
    private static Path directory(Path parent, String name, String mode) throws IOException {
        Path directory = Files.createDirectory(parent.resolve(name));
        try {
            assertEquals(0, new ProcessBuilder("chmod", mode, directory.toString()).inheritIO().start().waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return directory;
    }

    /** A socket file nothing listens on any more, as a server that ended leaves it. */
    private static Path staleSocket(Path path, String permissions) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return path;
    }

    @Test
    void anotherUsersStaleSocketIsNamedAsSuch() throws IOException {
        Path sticky = directory(shared(), "sticky", "1777");
        Path socket = staleSocket(sticky.resolve("app.sock"), "rwxr-xr-x");
        Catflap.Result result = asNobody(sticky, "-l", "unix:" + socket, "true");
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] cannot listen on unix:" + socket + ": " + socket + " is a socket file of root that this user may not"
                + " connect to, so catflap cannot tell whether a server still listens on it (remove it as its owner, or listen elsewhere)\n",
                result.stderr());

        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        Catflap.Result connectable = asNobody(sticky, "-l", "unix:" + socket, "true");
        assertEquals(1, connectable.exit(), connectable.stderr());
        assertEquals("[catflap] cannot listen on unix:" + socket + ": " + socket + " is a stale socket file of root that this user"
                + " may not remove (remove it as its owner, or listen elsewhere)\n", connectable.stderr());
        assertTrue(Files.exists(socket), "another user's file stays");
    }

    @Test
    void aDirectoryClosedToTheUserIsNamed() throws IOException {
        Path closed = directory(shared(), "closed", "0755");
        Catflap.Result result = asNobody(shared, "-l", "unix:closed/app.sock", "true");
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] cannot listen on unix:closed/app.sock: permission denied: this user may not create a file in " + closed + "\n",
                result.stderr());
        assertFalse(result.stderr().contains("ports below 1024"), "a Unix socket has no port");
    }

    /** inotify needs to read the directory of a watched file, which the file's own permissions do not tell. */
    @Test
    void aPathThatCannotBeWatchedSaysWhy() throws IOException {
        Path passable = directory(shared(), "passable", "0711");
        Path file = Files.writeString(passable.resolve("app.conf"), "x");
        Catflap.Result result = asNobody(shared, "-p", "0", "-q", "--watch", file.toString(), "true");
        assertEquals(1, result.exit(), result.stderr());
        assertEquals("[catflap] cannot watch " + file + ": " + passable + ": permission denied\n", result.stderr());
    }
}
