package dev.catflap.socket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The listen backlog: how many connections wait in the kernel while no server accepts. */
public final class Backlog {
    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");
    private static final int LINUX_DEFAULT = 4096;

    private Backlog() {
    }

    /**
     * The system maximum. The kernel caps any larger backlog to it, and a restart is exactly when
     * clients pile up, so ask for all of it (the original tool's backlog of 1 refused them).
     */
    public static int systemMaximum() {
        try {
            // Not Files.readString: it trusts the size /proc reports and returns "4" for "4096\n".
            try (InputStream in = Files.newInputStream(SOMAXCONN)) {
                return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            return LINUX_DEFAULT;
        }
    }

    /** @throws IllegalArgumentException if {@code text} is not a positive whole number */
    public static int parse(String text) {
        try {
            int backlog = Integer.parseInt(text);
            if (backlog >= 1) {
                return backlog;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a backlog (a whole number from 1 up)");
    }
}
