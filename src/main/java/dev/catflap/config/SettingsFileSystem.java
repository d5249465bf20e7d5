package dev.catflap.config;

import dev.catflap.posix.Posix;

/**
 * What reading the settings files needs of the system: whose files catflap may trust, and an open
 * that never blocks. Its own interface, so that the configuration can be tested without the system
 * calls (and without JNA).
 */
interface SettingsFileSystem {
    /** The effective uid: whose files catflap obeys without being told to (see {@link Trust}). */
    int effectiveUid();

    /** A descriptor for reading {@code path}, opened without waiting (a FIFO does not block it). */
    int openWithoutBlocking(byte[] path);

    void close(int fd);

    /** The system's, through {@link Posix}. */
    static SettingsFileSystem of(Posix posix) {
        return new SettingsFileSystem() {
            @Override
            public int effectiveUid() {
                return posix.self().effectiveUid();
            }

            @Override
            public int openWithoutBlocking(byte[] path) {
                return posix.files().openWithoutBlocking(path);
            }

            @Override
            public void close(int fd) {
                posix.descriptors().close(fd);
            }
        };
    }
}
