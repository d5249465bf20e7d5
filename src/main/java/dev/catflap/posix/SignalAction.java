package dev.catflap.posix;

import com.sun.jna.Memory;

/** A signal's action as the kernel held it, kept to be put back (see {@link Signals#ignoreSignal}). */
public final class SignalAction {
    final Memory kernelSigaction;

    SignalAction(Memory kernelSigaction) {
        this.kernelSigaction = kernelSigaction;
    }
}
