package dev.catflap.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopGracefully(tomcat)));
        tomcat.start();
        tomcat.getServer().await();
    }

    /**
     * On SIGTERM: first close this JVM's copy of the socket, so that the kernel queues new
     * connections for the next server instead of this JVM accepting and dropping them; then stop
     * (Tomcat finishes the requests in flight).
     */
    private static void stopGracefully(Tomcat tomcat) {
        try {
            ((ServerSocketChannel) System.inheritedChannel()).close();
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
