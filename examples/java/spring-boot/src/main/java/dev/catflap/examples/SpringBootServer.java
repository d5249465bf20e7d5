package dev.catflap.examples;

import java.io.IOException;
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
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("useInheritedChannel", "true"));
    }

    /**
     * On SIGTERM, before the graceful shutdown (server.shutdown=graceful, the default) finishes
     * the requests in flight: close this JVM's copy of the socket, so that the kernel queues new
     * connections for the next server instead of this JVM accepting and dropping them.
     */
    @EventListener(ContextClosedEvent.class)
    void stopAccepting() throws IOException {
        System.inheritedChannel().close();
    }
}
