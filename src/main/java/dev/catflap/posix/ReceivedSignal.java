package dev.catflap.posix;

/**
 * A signal taken by {@link Signals#awaitSignal}, with its siginfo code: who sent it.
 *
 * @param signal the signal's number
 * @param code siginfo's si_code
 */
public record ReceivedSignal(int signal, int code) {
}
