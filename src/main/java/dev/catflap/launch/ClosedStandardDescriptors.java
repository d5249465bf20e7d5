package dev.catflap.launch;

/**
 * The standard descriptors (0, 1, 2) the caller had closed, which the command must find closed too
 * (a server that opens a file would otherwise write to it through "stdout"). The launcher script
 * notes them in a system property ({@link LauncherProperties}) and gives the JVM /dev/null there,
 * so that none of the JVM's own files takes such a number; {@link Exec} and {@link Spawn} close
 * them again for the command, except one a socket takes (--stdin's fd 0). Under java -jar nothing is known of them: the JVM had opened
 * its files, at the lowest free numbers, before catflap ran (see README, "Faithful launch").
 */
final class ClosedStandardDescriptors {
    private ClosedStandardDescriptors() {
    }

    /** The descriptors to close for the command of {@code plan}: the caller's closed ones that no socket takes. */
    static int[] forCommand(LaunchPlan plan) {
        int firstSocket = plan.firstSocketFd();
        int endOfSockets = firstSocket + plan.sockets().size();
        return LauncherProperties.current().callerClosedFds().stream()
                .mapToInt(Integer::intValue)
                .filter(fd -> fd < firstSocket || fd >= endOfSockets)
                .toArray();
    }
}
