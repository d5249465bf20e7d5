package dev.catflap.examples;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** Jetty 12 on catflap's socket: run with catflap --stdin (see .catflap.properties). */
public final class JettyServer {
    public static void main(String[] args) throws Exception {
        String hello = "hello from jetty pid " + ProcessHandle.current().pid() + "\n";
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setInheritChannel(true); // the listening socket at fd 0, which catflap --stdin puts there
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, hello, callback);
                return true;
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(server, connector)));
        server.start();
        server.join();
    }

    /**
     * On SIGTERM: first close this JVM's copy of the socket, so that the kernel queues new
     * connections for the next server instead of this JVM accepting and dropping them; then let
     * the connections it accepted finish (at most 3 s); then stop.
     */
    private static void stopGracefully(Server server, ServerConnector connector) {
        try {
            connector.shutdown(); // closes the channel, and ends kept-alive connections after their request
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!connector.getConnectedEndPoints().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.stop();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
