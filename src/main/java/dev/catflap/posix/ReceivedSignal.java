package dev.catflap.posix;

/**
 * A signal taken by {@link Posix#awaitSignal}, with its siginfo code: who sent it.
 *
 * @param signal the signal's number
 * @param code siginfo's si_code
 */
public record ReceivedSignal(int signal, int code) {
    private static final int SI_KERNEL = 0x80;

    /**
     * True for a signal the kernel generated, such as a terminal's Ctrl-C, which the terminal sends
     * to its whole foreground process group; kill(2) gives SI_USER instead.
     */
    public boolean sentByKernel() {
        return code == SI_KERNEL;
    }
}
