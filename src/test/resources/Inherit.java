import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A Java server that adopts its listening socket the way Jetty and Tomcat can: through
 * System.inheritedChannel(), which looks at fd 0. Run as {@code java Inherit.java} (JDK 17+) under
 * {@code catflap --stdin}: it answers one request line with "inherited PID LINE", then exits.
 */
public class Inherit {
    public static void main(String[] args) throws IOException {
        Channel channel = System.inheritedChannel();
        if (!(channel instanceof ServerSocketChannel)) {
            System.err.println("Inherit: no ServerSocketChannel on fd 0 but " + channel);
            System.exit(3);
        }
        ServerSocketChannel server = (ServerSocketChannel) channel;
        try (SocketChannel client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            String request = in.readLine();
            String reply = "inherited " + ProcessHandle.current().pid() + " " + request + "\n";
            Channels.newOutputStream(client).write(reply.getBytes(StandardCharsets.UTF_8));
        }
    }
}
