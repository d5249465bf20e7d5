package dev.catflap.supervise;

import dev.catflap.socket.BoundSocket;
import dev.catflap.socket.Transport;
import dev.catflap.supervise.Event.Unaccepted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the accept queues of catflap's TCP sockets, and reports a socket whose queue has not
 * emptied for {@link #PATIENCE}: clients wait there while no process accepts them, as when the
 * command serves on a port of its own (a JVM framework that was not told to take the socket, such
 * as Jetty without --stdin, only warns and binds another port). The kernel shows a listening
 * socket's queue length in /proc/net/tcp and tcp6 (rx_queue), by inode; catflap's own copy of
 * each socket names that inode.
 */
final class UnacceptedConnections implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration SAMPLE = Duration.ofSeconds(1);
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** A listening socket's line: "sl local rem 0A tx_queue:rx_queue tr:when retrnsmt uid timeout inode". */
    private static final Pattern LISTENING = Pattern.compile(
            "^\\s*\\d+: \\S+ \\S+ 0A [0-9A-F]+:([0-9A-F]+) \\S+ \\S+\\s+\\d+\\s+\\d+ (\\d+)");
    private static final Pattern SOCKET_INODE = Pattern.compile("socket:\\[(\\d+)]");

    private final Map<Long, String> addressByInode;
    private final Consumer<Event> events;
    private final Thread thread;

    private UnacceptedConnections(Map<Long, String> addressByInode, Consumer<Event> events) {
        this.addressByInode = addressByInode;
        this.events = events;
        this.thread = new Thread(this::sample, "catflap-accept-queues");
        thread.setDaemon(true);
    }

    /** Starts watching the TCP ones of {@code sockets}; reports go to {@code events}. */
    static UnacceptedConnections start(List<BoundSocket> sockets, Consumer<Event> events) {
        Map<Long, String> addressByInode = new HashMap<>();
        for (BoundSocket socket : sockets) {
            if (socket.spec().transport() == Transport.TCP) {
                inode(socket.fd()).ifPresent(inode -> addressByInode.put(inode, socket.address()));
            }
        }
        UnacceptedConnections watcher = new UnacceptedConnections(addressByInode, events);
        if (!addressByInode.isEmpty()) {
            watcher.thread.start();
        }
        return watcher;
    }

    private static Optional<Long> inode(int fd) {
        try {
            Matcher matcher = SOCKET_INODE.matcher(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
            return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // no /proc: nothing to watch
        }
    }

    /** Each second: a socket whose queue held connections at every sample for PATIENCE is reported, then watched anew. */
    private void sample() {
        Map<Long, Integer> waitingSamples = new HashMap<>();
        long needed = PATIENCE.dividedBy(SAMPLE);
        while (true) {
            try {
                Thread.sleep(SAMPLE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Map<Long, Integer> queued = queueLengths();
            for (Map.Entry<Long, String> socket : addressByInode.entrySet()) {
                int length = queued.getOrDefault(socket.getKey(), 0);
                int samples = length > 0 ? waitingSamples.getOrDefault(socket.getKey(), 0) + 1 : 0;
                if (samples >= needed) {
                    events.accept(new Unaccepted(socket.getValue(), length));
                    samples = 0;
                }
                waitingSamples.put(socket.getKey(), samples);
            }
        }
    }

    /** The accept queue length of each of catflap's listening sockets, by inode. */
    private Map<Long, Integer> queueLengths() {
        Map<Long, Integer> lengths = new HashMap<>();
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find() && addressByInode.containsKey(Long.parseLong(matcher.group(2)))) {
                        lengths.put(Long.parseLong(matcher.group(2)), Integer.parseInt(matcher.group(1), 16));
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6): nothing of ours in it
            }
        }
        return lengths;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
