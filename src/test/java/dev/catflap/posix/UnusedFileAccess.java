package dev.catflap.posix;

import java.util.List;
import java.util.Optional;

/**
 * A base for tests' fake {@link FileAccess}: every call fails, so a fake overrides only the calls
 * its test expects, and a call it did not expect shows at once rather than answering something.
 */
public abstract class UnusedFileAccess implements FileAccess {
    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("a file access this test does not expect");
    }

    @Override
    public boolean exists(byte[] path) {
        throw unused();
    }

    @Override
    public boolean isExecutable(byte[] path) {
        throw unused();
    }

    @Override
    public boolean isDirectory(byte[] path) {
        throw unused();
    }

    @Override
    public int openWithoutBlocking(byte[] path) {
        throw unused();
    }

    @Override
    public void unlink(byte[] path) {
        throw unused();
    }

    @Override
    public int openDirectory(int directory, byte[] name) {
        throw unused();
    }

    @Override
    public FileStatus status(int fd) {
        throw unused();
    }

    @Override
    public List<AclEntry> namedAclEntries(int fd) {
        throw unused();
    }

    @Override
    public Optional<FileStatus> statusAt(int directory, byte[] name) {
        throw unused();
    }

    @Override
    public int createNew(int directory, byte[] name, int mode) {
        throw unused();
    }

    @Override
    public int openForReadingAt(int directory, byte[] name) {
        throw unused();
    }

    @Override
    public int read(int fd, byte[] buffer) {
        throw unused();
    }

    @Override
    public void write(int fd, byte[] bytes) {
        throw unused();
    }

    @Override
    public void changeMode(int fd, int mode) {
        throw unused();
    }

    @Override
    public void renameAt(int directory, byte[] from, byte[] to) {
        throw unused();
    }

    @Override
    public void unlinkAt(int directory, byte[] name) {
        throw unused();
    }

    @Override
    public void makeDirectoryAt(int directory, byte[] name, int mode) {
        throw unused();
    }

    @Override
    public void removeDirectoryAt(int directory, byte[] name) {
        throw unused();
    }

    @Override
    public int openEntryAt(int directory, byte[] name) {
        throw unused();
    }

    @Override
    public byte[] readLink(int fd) {
        throw unused();
    }

    @Override
    public int reopenForReading(int fd) {
        throw unused();
    }
}
