package dev.catflap.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;

/** Tomcat embedded on catflap's socket: run with catflap --stdin (see .catflap.properties). */
public final class TomcatServer {
    public static void main(String[] args) throws Exception {
        String hello = "hello from tomcat pid " + ProcessHandle.current().pid() + "\n";
        Tomcat tomcat = new Tomcat();
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setProperty("useInheritedChannel", "true"); // the listening socket at fd 0, which catflap --stdin puts there
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "hello", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().print(hello);
            }
        });
        context.addServletMappingDecoded("/", "hello");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(tomcat, connector)));
        tomcat.start();
        tomcat.getServer().await();
    }

    /**
     * On SIGTERM: first close this JVM's copy of the socket (Tomcat never closes an inherited
     * one), so that the kernel queues new connections for the next server instead of this JVM
     * accepting and dropping them; then let the connections it accepted finish (at most 3 s): a
     * request still unread when the context stops would get a 503; then stop.
     */
    private static void stopGracefully(Tomcat tomcat, Connector connector) {
        try {
            System.inheritedChannel().close();
            AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (protocol.getConnectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
