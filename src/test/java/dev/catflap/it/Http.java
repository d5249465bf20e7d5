package dev.catflap.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal HTTP client: one GET per connection, so that each request meets the listening socket. */
final class Http {
    private static final int TIMEOUT_MILLIS = (int) Catflap.TIMEOUT.toMillis();

    private Http() {
    }

    /**
     * The body of a 200 reply to {@code GET /} on 127.0.0.1:{@code port}. A client that arrives while
     * no server accepts waits in the socket's queue, so the timeouts are generous; any refusal,
     * reset, timeout or other reply is an IOException.
     */
    static String get(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write("GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int body = reply.indexOf("\r\n\r\n");
            if (!reply.matches("(?s)HTTP/1\\.[01] 200 .*") || body < 0) {
                throw new IOException("not a 200 reply: '" + reply + "'");
            }
            return reply.substring(body + 4);
        }
    }
}
