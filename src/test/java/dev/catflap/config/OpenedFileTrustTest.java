package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.catflap.posix.OsString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project file is judged on what was opened, not on its name: in a directory a group may write
 * to, another member can swap the name (rename it away, put a link of theirs in its place) between
 * the search and the open. The swap is made certain here by a file system that opens the other
 * entry under the judged name; what was opened is judged and refused.
 */
class OpenedFileTrustTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path directory;

    @Test
    void aFileSwappedInAfterItsNameWasFoundIsNotObeyed() throws IOException {
        assertRefused(Files.writeString(directory.resolve("evil"), "catflap.command=touch pwned\n"),
                "it belongs to user nobody, not to you or root;");
    }

    @Test
    void anotherUsersLinkToRootsFileIsNotFollowed() throws IOException {
        Path rootsFile = Files.writeString(directory.resolve("roots"), "catflap.command=touch pwned\n");
        Path link = Files.createSymbolicLink(directory.resolve("link"), rootsFile);
        assertRefused(link, "it is a link that belongs to user nobody, not to you or root;");
    }

    private void assertRefused(Path swapped, String why) throws IOException {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root, to own files as another user");
        Path judged = Files.writeString(directory.resolve(ProjectFile.NAME), "catflap.command=echo benign\n");
        Files.setAttribute(swapped, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        byte[] judgedName = OsString.encode(ProjectFile.NAME);
        SettingsFileSystem swapping = new FakeFileSystem(0) {
            @Override
            public int openEntry(int directory, byte[] name) {
                return super.openEntry(directory, Arrays.equals(name, judgedName) ? OsString.encode(swapped.getFileName().toString()) : name);
            }
        };
        List<String> warnings = new ArrayList<>();

        Optional<ConfigFile> read = ProjectFile.read(Optional.empty(), directory, directory, new SettingsFileReader(swapping),
                new Trust(swapping), warnings::add, ignored -> { });

        assertEquals(Optional.empty(), read, "the swapped-in entry is not obeyed");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("warning: ignoring " + judged + ": " + why), warnings.get(0));
    }
}
