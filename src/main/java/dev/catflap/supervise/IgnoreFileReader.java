package dev.catflap.supervise;

import dev.catflap.posix.Errno;
import dev.catflap.posix.OsString;
import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import dev.catflap.posix.ProcFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads ignore files (.gitignore, .ignore, .git/info/exclude), which may be anyone's: they only
 * make catflap restart less, so another user's is read as the user's own, but as the settings files
 * are: regular files only, at most {@link #LIMIT_BYTES}, opened without waiting (a FIFO put there
 * would otherwise hang catflap) and judged once open, on what was opened. A .gitignore or .ignore
 * that is a symbolic link is not followed, as git (2.32 and later) follows none in the work tree.
 */
public final class IgnoreFileReader {
    /** Far more than any ignore file needs (git's own are a few KB); small enough to read at once. */
    static final int LIMIT_BYTES = 1024 * 1024;
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;

    private final Posix posix;

    public IgnoreFileReader(Posix posix) {
        this.posix = posix;
    }

    /**
     * The bytes of {@code path}; empty when there is none, or when it is not one to read, which
     * {@code warn} is told (a file that is there but unreadable would otherwise be missed silently).
     *
     * @param inWorkTree a .gitignore or .ignore, which is not read through a symbolic link
     */
    Optional<byte[]> read(Path path, boolean inWorkTree, Consumer<String> warn) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty(); // most directories have none: a stat, not an open that fails
        }
        if (inWorkTree && Files.isSymbolicLink(path)) {
            warn.accept("warning: not reading " + path + ": a symbolic link (git does not follow it either)");
            return Optional.empty();
        }
        int fd;
        try {
            fd = posix.files().openWithoutBlocking(path.toString().getBytes(OsString.javaCharset()));
        } catch (PosixException e) {
            if (e.errno() != Errno.ENOENT && e.errno() != Errno.ENOTDIR) {
                warn.accept("warning: cannot read " + path + ": " + e.getMessage());
            }
            return Optional.empty();
        }
        try {
            // The kernel's link to what was opened: never another file than the one judged.
            Path opened = ProcFs.system().openedFile(fd);
            Map<String, Object> attributes = Files.readAttributes(opened, "unix:mode,size");
            if (((Integer) attributes.get("mode") & TYPE_MASK) != REGULAR) {
                warn.accept("warning: not reading " + path + ": not a regular file");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(opened)) {
                byte[] bytes = in.readNBytes(LIMIT_BYTES + 1); // one that grows meanwhile still ends here
                if ((Long) attributes.get("size") > LIMIT_BYTES || bytes.length > LIMIT_BYTES) {
                    warn.accept("warning: not reading " + path + ": larger than 1 MiB");
                    return Optional.empty();
                }
                return Optional.of(bytes);
            }
        } catch (IOException e) {
            warn.accept("warning: cannot read " + path + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            posix.descriptors().close(fd);
        }
    }
}
