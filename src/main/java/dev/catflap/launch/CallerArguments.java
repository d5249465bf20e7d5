package dev.catflap.launch;

import dev.catflap.posix.OsString;
import dev.catflap.posix.ProcFs;
import java.nio.charset.Charset;
import java.util.List;

/**
 * catflap's own arguments as the caller passed them. The JVM decodes arguments in the locale's
 * charset, which loses every byte that charset cannot hold (under {@code LC_ALL=C}, anything
 * beyond ASCII: {@code café} arrives as {@code caf??}). {@code /proc/self/cmdline} still has the
 * bytes, and the arguments catflap was given are always its last ones there; read again with
 * {@link OsString}, every value (a socket path, a watched directory, the command's words) is the
 * one the user typed.
 */
public final class CallerArguments {
    private CallerArguments() {
    }

    /**
     * {@code decoded}, each argument read again from its bytes. Where the process's arguments do
     * not end with them (in dev mode, Maven's are there), {@code decoded} as it is.
     */
    public static String[] exact(String[] decoded) {
        List<byte[]> raw = lastArguments(decoded.length);
        if (raw == null || !decodesTo(raw, decoded, OsString.javaCharset())) {
            return decoded;
        }
        String[] exact = new String[decoded.length];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = OsString.decode(raw.get(i));
        }
        return exact;
    }

    private static List<byte[]> lastArguments(int count) {
        byte[] cmdline = ProcFs.system().commandLine().orElse(null);
        if (cmdline == null) {
            return null;
        }
        List<byte[]> all = NulTerminated.split(cmdline);
        return all.size() < count ? null : all.subList(all.size() - count, all.size());
    }

    private static boolean decodesTo(List<byte[]> raw, String[] decoded, Charset charset) {
        for (int i = 0; i < raw.size(); i++) {
            if (!new String(raw.get(i), charset).equals(decoded[i])) {
                return false;
            }
        }
        return true;
    }
}
