package dev.catflap.socket;

import dev.catflap.posix.OsString;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A listening Unix stream socket: {@code unix:PATH}, a file, or {@code unix:@NAME}, a name in the
 * abstract namespace that leaves no file behind ({@code unix:@} alone lets the kernel pick one).
 *
 * @param path the path, or {@code @NAME}
 * @param text the spec as the user wrote it
 */
public record UnixSpec(String path, String text) implements ListenSpec {
    /** sun_path holds 108 bytes; a path needs its terminating NUL, a name its leading one. */
    static final int MAX_NAME_BYTES = 107;

    /** A Unix socket in the abstract namespace, which leaves no file behind. */
    public boolean isAbstract() {
        return path.startsWith("@");
    }

    /** {@code unix:@}, whose name the kernel picks at each bind. */
    public boolean isAutobound() {
        return path.equals("@");
    }

    @Override
    public <R> R match(Function<? super TcpSpec, ? extends R> tcp, Function<? super UdpSpec, ? extends R> udp,
            Function<? super UnixSpec, ? extends R> unix) {
        return unix.apply(this);
    }

    @Override
    public SocketType type() {
        return SocketType.STREAM;
    }

    @Override
    public String defaultName() {
        return "unix";
    }

    @Override
    public Optional<String> socketFile() {
        return isAbstract() ? Optional.empty() : Optional.of(path);
    }

    @Override
    public boolean reachableFromOtherHosts() {
        return false;
    }

    /** The same name, or the same file however written; the kernel's picks ({@code unix:@}) never clash. */
    @Override
    public boolean clashesWith(ListenSpec other) {
        if (!(other instanceof UnixSpec unix)) {
            return false;
        }
        return isAbstract() || unix.isAbstract() ? path.equals(unix.path) && !isAutobound() : sameFile(path, unix.path);
    }

    @Override
    public String clashDescription(ListenSpec earlier) {
        return text + " is the same address as " + earlier.text();
    }

    /** unix:a.sock and unix:./a.sock are one file; so are a relative and an absolute path to it. */
    private static boolean sameFile(String path, String otherPath) {
        if (OsString.hasEscapes(path) || OsString.hasEscapes(otherPath)) {
            return path.equals(otherPath); // bytes Java's file API cannot name: compared as written
        }
        return Path.of(path).toAbsolutePath().normalize().equals(Path.of(otherPath).toAbsolutePath().normalize());
    }
}
