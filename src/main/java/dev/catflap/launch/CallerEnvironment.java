package dev.catflap.launch;

import dev.catflap.posix.Posix;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The environment catflap's caller gave it, byte for byte. Under {@code java -jar} that is libc's
 * {@code environ}: the JVM neither adds nor changes a variable. Under the launcher it is not: the
 * shell running the script rebuilt the environment it passed to java (it drops entries whose names
 * are not shell names, keeps one of duplicates, reorders them and adds PWD), so the launcher hands
 * over a copy of the original, read from {@code /proc/$$/environ} before its exec, in base64 in a
 * variable of java's environment: readable by the user alone, as the original was, and no file.
 */
public final class CallerEnvironment {
    private CallerEnvironment() {
    }

    public static Environment read(Posix posix) {
        LauncherProperties launcher = LauncherProperties.current();
        Environment java = new Environment(posix.self().environment());
        Optional<String> variable = launcher.callerEnvironmentVariable();
        if (variable.isPresent()) {
            List<byte[]> handedOver = handedOver(java.rawValue(variable.get()));
            if (handedOver != null) {
                return new Environment(handedOver);
            }
            java = java.without(variable.get());
        }
        // java's own environment, without what the launcher changed in it for the JVM
        return LauncherVariables.undo(java, launcher);
    }

    /** The entries in {@code copy} (base64, lines of any length), each ended by a NUL as in /proc/PID/environ; null if there is none. */
    static List<byte[]> handedOver(byte[] copy) {
        if (copy == null) {
            return null;
        }
        try {
            return NulTerminated.split(Base64.getMimeDecoder().decode(copy));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
