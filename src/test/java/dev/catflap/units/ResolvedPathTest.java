package dev.catflap.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvedPathTest {
    @TempDir
    Path dir;

    /** The kernel follows link before going up: link/.. is link's target's parent, not dir. */
    @Test
    void aDotDotAfterALinkGoesUpFromTheLinksTarget() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real/sub")).getParent();
        Path proj = Files.createDirectory(dir.resolve("proj"));
        Files.createSymbolicLink(proj.resolve("link"), Path.of("../real/sub"));
        assertEquals(real.toRealPath().resolve("server").toString(), ResolvedPath.of(proj, "./link/../server"));
        assertEquals(real.toRealPath().resolve("app.sock").toString(), ResolvedPath.of(proj, "link/../app.sock"));
    }

    /** Without '..' nothing is looked up: the path need not exist (systemd makes a socket's directories). */
    @Test
    void withoutDotDotThePathIsOnlyNormalized() {
        assertEquals("/nowhere/run/app.sock", ResolvedPath.of(Path.of("/nowhere"), "./run//./app.sock"));
        assertEquals("/usr/bin/x", ResolvedPath.of(Path.of("/nowhere"), "/usr/bin/x"));
    }

    /** The last name is kept as it is, a link included: it is what catflap runs or binds. */
    @Test
    void theLastNameIsKept() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Files.createSymbolicLink(dir.resolve("a/run"), Path.of("/bin/true"));
        assertEquals(dir.toRealPath().resolve("a/run").toString(), ResolvedPath.of(sub, "../run"));
    }

    @Test
    void aDotDotWhoseDirectoryIsMissingCannotBeResolved() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResolvedPath.of(dir, "missing/../app.sock"));
        assertTrue(e.getMessage().startsWith("its directory " + dir.resolve("missing/..") + " does not exist"), e.getMessage());
    }
}
