package dev.catflap.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Why catflap exists: while the server behind it restarts, or has not started accepting yet,
 * clients wait in the socket's backlog instead of being refused. Every bound here is generous (the
 * machine may be slow and busy): the tests count what was served, never how fast.
 */
class RestartIT {
    private static final int GENERATIONS = 30;
    private static final int REQUESTS_PER_GENERATION = 10;
    private static final int BURST = 500;
    private static final long BURST_BOUND_MILLIS = 60_000;

    @Test
    void serverRestarted30TimesLosesNoneOf300SequentialRequests() throws IOException {
        // Each generation serves 10 connections and exits; the shell starts the next one on the
        // same inherited socket. Requests that arrive in between wait for it.
        String loop = "i=0; while [ $i -lt " + GENERATIONS + " ]; do \"$@\" || exit; i=$((i+1)); done";
        List<String> command = new ArrayList<>(List.of("-p", "0", "--", "sh", "-c", loop, "sh"));
        command.addAll(Catflap.probe("serve", Integer.toString(REQUESTS_PER_GENERATION)));
        try (Catflap.Running catflap = Catflap.launcher().start(command)) {
            int port = catflap.awaitPort();
            int failed = 0;
            Set<String> servers = new HashSet<>();
            for (int i = 0; i < GENERATIONS * REQUESTS_PER_GENERATION; i++) {
                try {
                    String reply = CoreIT.request("127.0.0.1", port);
                    if (reply == null) {
                        failed++;
                    } else {
                        servers.add(reply);
                    }
                } catch (IOException e) {
                    failed++;
                }
            }
            assertEquals(0, failed, "failed requests");
            assertEquals(GENERATIONS, servers.size(), "server generations that answered");
            assertEquals(0, catflap.await().exit());
        }
    }

    @Test
    void burstOf500ConnectionsWhileTheServerStartsIsServedInFull() throws IOException {
        // The server sleeps 1.5 s before its first accept: all 500 connect while nobody accepts.
        List<String> command = new ArrayList<>(List.of("-p", "0", "--"));
        command.addAll(Catflap.probe("serve", Integer.toString(BURST), "1.5"));
        try (Catflap.Running catflap = Catflap.launcher().start(command)) {
            int port = catflap.awaitPort();
            Map<String, Integer> replies = burst(new InetSocketAddress("127.0.0.1", port), BURST);
            assertEquals(Map.of("pid " + catflap.pid(), BURST), replies, "replies by text");
            assertEquals(0, catflap.await().exit());
        }
    }

    /**
     * Connects {@code count} clients at once (non-blocking connects, all started before any
     * reply is read) and counts the first line each gets back; a client refused, reset or left
     * without an answer within the bound counts under its error.
     */
    static Map<String, Integer> burst(InetSocketAddress address, int count) throws IOException {
        Map<String, Integer> replies = new HashMap<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                boolean connected = channel.connect(address);
                channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                        ByteBuffer.allocate(64));
            }
            long deadline = System.currentTimeMillis() + BURST_BOUND_MILLIS;
            int open = count;
            while (open > 0 && System.currentTimeMillis() < deadline) {
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    String outcome = step(key);
                    if (outcome != null) {
                        replies.merge(outcome, 1, Integer::sum);
                        key.channel().close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
            if (open > 0) {
                replies.put("no answer within the bound", open);
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        return replies;
    }

    /** Advances one client; its outcome once it has one, else null. */
    private static String step(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                return null;
            }
            int read = channel.read(buffer);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            if (text.contains("\n")) {
                return text.substring(0, text.indexOf('\n'));
            }
            return read < 0 ? "closed without a reply" : null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
