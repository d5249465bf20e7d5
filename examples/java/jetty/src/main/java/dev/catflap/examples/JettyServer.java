package dev.catflap.examples;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.SelectorManager;
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
        InheritingConnector connector = new InheritingConnector(server);
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
     * the connections it accepted finish (at most 3 s); then stop. Not connector.shutdown(),
     * which also shortens the idle timeout of connections whose request is still unread.
     */
    private static void stopGracefully(Server server, InheritingConnector connector) {
        try {
            connector.setAccepting(false); // the acceptor waits, rather than trying a closed channel
            Channel inherited = System.inheritedChannel(); // null when started without --stdin: nothing to close
            if (inherited != null) {
                inherited.close();
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (connector.holdsConnections() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.stop();
        } catch (Exception e) { // at worst, a connection the 3 s did not cover is dropped
            e.printStackTrace();
        }
    }

    /**
     * A connector on the listening socket at fd 0 (which catflap --stdin puts there) that knows
     * whether it still holds a connection: being handed from the acceptor to a selector, or open.
     */
    static final class InheritingConnector extends ServerConnector {
        private final AtomicInteger accepting = new AtomicInteger();
        private final AtomicInteger settingUp = new AtomicInteger();

        InheritingConnector(Server server) {
            super(server);
            setInheritChannel(true);
            getSelectorManager().addEventListener(new SelectorManager.AcceptListener() {
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

        /** Accepts one connection and hands it to a selector (onAccepting) before returning. */
        @Override
        public void accept(int acceptorID) throws IOException {
            accepting.incrementAndGet();
            try {
                super.accept(acceptorID);
            } finally {
                accepting.decrementAndGet();
            }
        }

        boolean holdsConnections() {
            return accepting.get() > 0 || settingUp.get() > 0 || !getConnectedEndPoints().isEmpty();
        }
    }
}
