package dev.catflap.examples;

import io.javalin.Javalin;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ServerConnector;

/** Javalin 7 on catflap's socket: run with catflap --stdin (see .catflap.properties). */
public final class JavalinServer {
    public static void main(String[] args) {
        String hello = "hello from javalin pid " + ProcessHandle.current().pid() + "\n";
        AtomicReference<ServerConnector> connector = new AtomicReference<>();
        AtomicInteger settingUp = new AtomicInteger();
        Javalin app = Javalin.create(config -> {
            config.jetty.addConnector((server, httpConfig) -> {
                connector.set(new ServerConnector(server));
                connector.get().setInheritChannel(true); // the listening socket at fd 0, which catflap --stdin puts there
                countSettingUp(connector.get(), settingUp);
                return connector.get();
            });
            config.routes.get("/", ctx -> ctx.result(hello));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(app, connector.get(), settingUp)));
        app.start();
    }

    /**
     * On SIGTERM: first close this JVM's copy of the socket, so that the kernel queues new
     * connections for the next server instead of this JVM accepting and dropping them; then let
     * the connections it accepted finish (at most 3 s); then stop.
     */
    private static void stopGracefully(Javalin app, ServerConnector connector, AtomicInteger settingUp) {
        try {
            long deadline = System.nanoTime() + 3_000_000_000L;
            // Closes the channel and ends kept-alive connections after their request; done once
            // the acceptor has stopped and the connections it accepted are closed.
            connector.shutdown().get(3, TimeUnit.SECONDS);
            // A connection accepted last may still be on its way to a selector, not yet counted.
            while ((settingUp.get() > 0 || !connector.getConnectedEndPoints().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            app.stop();
        } catch (Exception e) { // at worst, a connection the 3 s did not cover is dropped
            e.printStackTrace();
        }
    }

    /** Counts in {@code settingUp} the connections accepted whose endpoint Jetty has not made yet. */
    private static void countSettingUp(ServerConnector connector, AtomicInteger settingUp) {
        connector.getSelectorManager().addEventListener(new SelectorManager.AcceptListener() {
            @Override
            public void onAccepting(SelectableChannel channel) {
                settingUp.incrementAndGet();
            }

            @Override
            public void onAccepted(SelectableChannel channel) {
                settingUp.decrementAndGet();
            }

            @Override
            public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
                settingUp.decrementAndGet();
            }
        });
    }
}
