package dev.catflap.supervise;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * Whether the terminal catflap had as it began has hung up (its window closed, its ssh connection
 * gone). Under --watch a SIGHUP asks for a restart, as daemons reload on it; but a shell passes
 * SIGHUP on to its jobs when its terminal hangs up, and then catflap must end, not start the
 * command again on a terminal nobody has. A hang-up takes the terminal from every process of its
 * session before the shell hears of it, so from then on /dev/tty (the process's own terminal)
 * opens no more.
 */
final class TerminalHangup implements BooleanSupplier {
    private static final Path OWN_TERMINAL = Path.of("/dev/tty");

    private final boolean hadTerminal = terminalOpens();

    /** True when catflap had a terminal and has it no more. */
    @Override
    public boolean getAsBoolean() {
        return hadTerminal && !terminalOpens();
    }

    private static boolean terminalOpens() {
        try (FileChannel terminal = FileChannel.open(OWN_TERMINAL, StandardOpenOption.READ)) {
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // no terminal (ENXIO), or one hung up (EIO)
        }
    }
}
