package dev.catflap.config;

import dev.catflap.posix.AclEntry;
import dev.catflap.posix.FileStatus;
import dev.catflap.posix.Posix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The system's settings-file calls (through JNA, as catflap makes them), for another effective
 * uid than the test's: files a test makes are trusted when it reports their owner's.
 */
class FakeFileSystem implements SettingsFileSystem {
    private final int uid;
    private final SettingsFileSystem system = SettingsFileSystem.of(Posix.system());

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
    public int openWithoutBlocking(byte[] path) {
        return system.openWithoutBlocking(path);
    }

    @Override
    public int openDirectory(byte[] directory) {
        return system.openDirectory(directory);
    }

    @Override
    public int openEntry(int directory, byte[] name) {
        return system.openEntry(directory, name);
    }

    @Override
    public int openWorkingDirectory() {
        return system.openWorkingDirectory();
    }

    @Override
    public int openParent(int directory) {
        return system.openParent(directory);
    }

    @Override
    public FileStatus status(int fd) {
        return system.status(fd);
    }

    @Override
    public byte[] readLink(int fd) {
        return system.readLink(fd);
    }

    @Override
    public int reopenForReading(int fd) {
        return system.reopenForReading(fd);
    }

    @Override
    public int read(int fd, byte[] buffer) {
        return system.read(fd, buffer);
    }

    @Override
    public List<AclEntry> namedAclEntries(int fd) {
        return system.namedAclEntries(fd);
    }

    @Override
    public void close(int fd) {
        system.close(fd);
    }

    /** The test's user has no private group here: a group-writable file is another group's. */
    @Override
    public boolean isPrivateGroup(int gid) {
        return false;
    }
}
