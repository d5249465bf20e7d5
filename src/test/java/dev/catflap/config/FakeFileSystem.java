package dev.catflap.config;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The settings files' system calls done by Java instead of JNA: the file opened by a stream, whose
 * descriptor number is the one that appeared in /proc/self/fd meanwhile. Good for regular files,
 * which is all the unit tests read.
 */
final class FakeFileSystem implements SettingsFileSystem {
    private final int uid;
    private final Map<Integer, FileInputStream> open = new HashMap<>();

    /** @param uid the effective uid to report, whose files are trusted */
    FakeFileSystem(int uid) {
        this.uid = uid;
    }

    /** Reports the uid that owns {@code file}, so that files made by the test are trusted. */
    static FakeFileSystem owning(Path file) {
        try {
            return new FakeFileSystem((Integer) Files.getAttribute(file, "unix:uid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int effectiveUid() {
        return uid;
    }

    @Override
    public synchronized int openWithoutBlocking(byte[] path) {
        try {
            Path file = Path.of(new String(path, StandardCharsets.UTF_8)).toRealPath();
            Set<Integer> before = descriptorsOf(file);
            FileInputStream in = new FileInputStream(file.toFile());
            Set<Integer> opened = descriptorsOf(file);
            opened.removeAll(before);
            if (opened.size() != 1) {
                in.close();
                throw new IllegalStateException("cannot tell the new descriptor among " + opened);
            }
            int fd = opened.iterator().next();
            open.put(fd, in);
            return fd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close(int fd) {
        try {
            open.remove(fd).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptors open on {@code file} (the listing's own descriptor is another file). */
    private static Set<Integer> descriptorsOf(Path file) throws IOException {
        Set<Integer> fds = new HashSet<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            entries.forEach(entry -> {
                try {
                    if (Files.readSymbolicLink(entry).equals(file)) {
                        fds.add(Integer.parseInt(entry.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // closed meanwhile: not the file's
                }
            });
        }
        return fds;
    }
}
