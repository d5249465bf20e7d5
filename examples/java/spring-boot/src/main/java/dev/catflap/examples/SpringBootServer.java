package dev.catflap.examples;

import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Spring Boot (embedded Tomcat) on catflap's socket: run with catflap --stdin (see .catflap.properties). */
@SpringBootApplication
@RestController
public class SpringBootServer {
    private final String hello = "hello from spring-boot pid " + ProcessHandle.current().pid() + "\n";
    private volatile Connector connector;

    public static void main(String[] args) {
        SpringApplication.run(SpringBootServer.class, args);
    }

    @GetMapping("/")
    String hello() {
        return hello;
    }

    /** Tomcat serves on the listening socket at fd 0, which catflap --stdin puts there. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> inheritedChannel() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("useInheritedChannel", "true");
            this.connector = connector;
        });
    }

    /**
     * On SIGTERM, before the graceful shutdown (server.shutdown=graceful, the default), which
     * waits for requests being handled but not for connections accepted and still unread: close
     * this JVM's copy of the socket (Tomcat never closes an inherited one), so that the kernel
     * queues new connections for the next server instead of this JVM accepting and dropping them;
     * then let the connections it accepted finish (at most 3 s).
     */
    @EventListener(ContextClosedEvent.class)
    void stopAccepting() throws IOException, InterruptedException {
        System.inheritedChannel().close();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (protocol.getConnectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
