package dev.catflap.examples;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.ServerConnector;

/** Javalin 7 on catflap's socket: run with catflap --stdin (see .catflap.properties). */
public final class JavalinServer {
    public static void main(String[] args) {
        String hello = "hello from javalin pid " + ProcessHandle.current().pid() + "\n";
        AtomicReference<ServerConnector> connector = new AtomicReference<>();
        Javalin app = Javalin.create(config -> {
            config.jetty.addConnector((server, httpConfig) -> {
                connector.set(new ServerConnector(server));
                connector.get().setInheritChannel(true); // the listening socket at fd 0, which catflap --stdin puts there
                return connector.get();
            });
            config.routes.get("/", ctx -> ctx.result(hello));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(app, connector.get())));
        app.start();
    }

    /**
     * On SIGTERM: first close this JVM's copy of the socket, so that the kernel queues new
     * connections for the next server instead of this JVM accepting and dropping them; then let
     * the connections it accepted finish (at most 3 s); then stop.
     */
    private static void stopGracefully(Javalin app, ServerConnector connector) {
        try {
            connector.shutdown(); // closes the channel, and ends kept-alive connections after their request
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!connector.getConnectedEndPoints().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            app.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
