// catflap example: a JDK-only HTTP server on the socket catflap --stdin puts on fd 0.
//   target/catflap -p 8080 --stdin -- java examples/java/InheritedChannelServer.java
// Works on JDK 17+ with no dependencies: System.inheritedChannel() is the JDK's
// (inetd-style) public API for a socket passed in as standard input.

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

public class InheritedChannelServer {

    public static void main(String[] args) throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel)) {
            System.err.println("stdin is not a listening socket (got " + inherited
                    + "); run me under catflap --stdin");
            System.exit(1);
        }
        ServerSocketChannel server = (ServerSocketChannel) inherited;
        long pid = ProcessHandle.current().pid();
        System.err.println("java pid " + pid + " accepting on " + server.getLocalAddress());

        byte[] body = ("hello from java pid " + pid + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // On SIGTERM/Ctrl-C, stop accepting but let the request in hand finish, so
        // no client is reset; later clients wait in the socket's queue for the
        // next server. (The JVM still exits with 128+signal, e.g. 143.)
        Thread mainThread = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close(); // only our copy of the fd; the socket stays open
                mainThread.join(5_000);
            } catch (IOException | InterruptedException ignored) {
            }
        }));
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                // Read the request head first: closing a socket with unread input
                // makes the kernel send RST, which can eat our reply.
                BufferedReader in = new BufferedReader(
                        Channels.newReader(client, StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // ignore the request; every request gets the same answer
                }
                client.write(ByteBuffer.wrap(head));
                client.write(ByteBuffer.wrap(body));
            } catch (ClosedChannelException e) {
                break; // closed by the shutdown hook
            } catch (IOException e) {
                System.err.println("client error: " + e); // one bad client must not stop the server
            }
        }
    }
}
