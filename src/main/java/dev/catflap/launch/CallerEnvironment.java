package dev.catflap.launch;

import dev.catflap.posix.Posix;
import dev.catflap.posix.PosixException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The environment catflap's caller gave it, byte for byte. Under {@code java -jar} that is libc's
 * {@code environ}: the JVM neither adds nor changes a variable. Under the launcher it is not: the
 * shell running the script rebuilt the environment it passed to java (it drops entries whose names
 * are not shell names, keeps one of duplicates, reorders them and adds PWD), so the launcher hands
 * over a copy of the original, read from {@code /proc/$$/environ} before its exec, at an fd.
 */
public final class CallerEnvironment {
    private CallerEnvironment() {
    }

    public static Environment read(Posix posix) {
        LauncherProperties launcher = LauncherProperties.current();
        OptionalInt fd = launcher.callerEnvironmentFd();
        if (fd.isPresent()) {
            List<byte[]> handedOver = handedOver(posix, fd.getAsInt());
            if (handedOver != null) {
                return new Environment(handedOver);
            }
        }
        // java's own environment, without what the launcher changed in it for the JVM
        return LauncherVariables.undo(new Environment(posix.self().environment()), launcher);
    }

    /** The entries at {@code fd}, each ended by a NUL as in /proc/PID/environ; null if unreadable. */
    private static List<byte[]> handedOver(Posix posix, int fd) {
        byte[] all;
        try {
            all = Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
            posix.descriptors().close(fd);
        } catch (IOException | PosixException e) {
            return null;
        }
        return NulTerminated.split(all);
    }
}
