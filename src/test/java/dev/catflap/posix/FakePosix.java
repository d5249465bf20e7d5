package dev.catflap.posix;

/**
 * Builds a {@link Posix} of fakes for a test: it sets only the concerns its code reaches, by name,
 * and every other is null, so that a call the test did not expect fails at once. The one place
 * in the tests that calls Posix's constructor: a concern added to Posix is added here alone.
 */
public final class FakePosix {
    private Sockets sockets;
    private Descriptors descriptors;
    private FileAccess files;
    private Signals signals;
    private Processes processes;
    private ThisProcess self;
    private Terminal terminal;
    private Execve exec;

    private FakePosix() {
    }

    public static FakePosix with() {
        return new FakePosix();
    }

    public FakePosix sockets(Sockets fake) {
        sockets = fake;
        return this;
    }

    public FakePosix descriptors(Descriptors fake) {
        descriptors = fake;
        return this;
    }

    public FakePosix files(FileAccess fake) {
        files = fake;
        return this;
    }

    public FakePosix signals(Signals fake) {
        signals = fake;
        return this;
    }

    public FakePosix processes(Processes fake) {
        processes = fake;
        return this;
    }

    public FakePosix self(ThisProcess fake) {
        self = fake;
        return this;
    }

    public FakePosix terminal(Terminal fake) {
        terminal = fake;
        return this;
    }

    public FakePosix exec(Execve fake) {
        exec = fake;
        return this;
    }

    public Posix build() {
        return new Posix(sockets, descriptors, files, signals, processes, self, terminal, exec);
    }
}
