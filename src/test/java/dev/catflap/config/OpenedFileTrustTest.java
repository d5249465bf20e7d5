package dev.catflap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project file is judged again on the file that was opened: in a directory a group may write to,
 * another member can swap the name between the check and the open (renameat2 with
 * RENAME_EXCHANGE, in a loop, won within 13 runs in a review). The swap is made certain here by a
 * file system that opens the other file under the judged name.
 */
class OpenedFileTrustTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path directory;

    @Test
    void aFileSwappedInAfterItsNameWasJudgedIsNotObeyed() throws IOException {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root, to own files as another user");
        Path judged = Files.writeString(directory.resolve(ProjectFile.NAME), "catflap.command=echo benign\n");
        Path swapped = Files.writeString(directory.resolve("evil"), "catflap.command=touch pwned\n");
        Files.setAttribute(swapped, "unix:uid", NOBODY);
        FakeFileSystem files = new FakeFileSystem(0);
        SettingsFileSystem swapping = new SettingsFileSystem() {
            @Override
            public int effectiveUid() {
                return 0;
            }

            @Override
            public int openWithoutBlocking(byte[] path) {
                boolean isJudged = Arrays.equals(path, judged.toString().getBytes(StandardCharsets.UTF_8));
                return files.openWithoutBlocking((isJudged ? swapped : Path.of(new String(path, StandardCharsets.UTF_8)))
                        .toString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void close(int fd) {
                files.close(fd);
            }
        };
        List<String> warnings = new ArrayList<>();

        Optional<ConfigFile> read = ProjectFile.read(Optional.empty(), directory, directory, new SettingsFileReader(swapping),
                new Trust(0), warnings::add);

        assertEquals(Optional.empty(), read, "the swapped-in file is not obeyed");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("warning: ignoring " + judged + ": it belongs to user nobody, not to you or root;"),
                warnings.get(0));
    }
}
