package dev.catflap.launch;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.catflap.posix.Posix;
import dev.catflap.posix.ProcFs;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * The open-files soft limit the caller gave a JVM started by {@code java -jar}. HotSpot raises the
 * soft limit to the hard one as it starts (its MaxFDLimit flag, on unless the launcher turns it
 * off), so the original value is gone before any Java code runs. What is left is the parent
 * process: a shell that ran {@code java -jar ...} has the limit it passed on. It is taken when the
 * parent's hard limit is ours (the limits are the ones the parent passed on); a caller that
 * changed the limit and then exec'd java ({@code sh -c 'ulimit -Sn 512; exec java ...'}) cannot
 * be told apart from one that did not, and keeps the raised limit.
 */
final class RaisedOpenFilesLimit {
    private RaisedOpenFilesLimit() {
    }

    /** The soft limit to give back, or empty where there is nothing to undo or no way to know. */
    static OptionalLong callersSoftLimit(Posix posix) {
        long[] ours = posix.self().openFilesLimit();
        if (ours[0] != ours[1]) {
            return OptionalLong.empty(); // not raised: HotSpot sets soft = hard
        }
        long[] parents = ProcFs.system().openFilesLimitOf(posix.self().parentPid()).orElse(null);
        if (parents == null || parents[1] != ours[1] || Long.compareUnsigned(parents[0], ours[0]) >= 0
                || !raisedByHotSpot()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(parents[0]);
    }

    /** Whether HotSpot's MaxFDLimit flag is on. Asked last: the management classes take a while to load. */
    private static boolean raisedByHotSpot() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption("MaxFDLimit").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot: it did not raise the limit
        }
    }
}
