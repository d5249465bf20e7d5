package dev.catflap.posix;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the {@link Posix} that catflap's beans are given: the system's. */
@Singleton
public class SystemPosix {
    @Produces
    @Singleton
    Posix posix() {
        return Posix.system();
    }
}
