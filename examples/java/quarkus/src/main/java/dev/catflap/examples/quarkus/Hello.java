package dev.catflap.examples.quarkus;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;

/** Quarkus on the socket catflap --stdin passes as fd 0: {@code catflap -p 8080 --stdin -- java -jar target/quarkus-example.jar}. */
@ApplicationScoped
public class Hello {
    private final String hello = "hello from quarkus pid " + ProcessHandle.current().pid() + "\n";

    void routes(@Observes Router router) {
        router.get("/").handler(context -> context.response().putHeader("content-type", "text/plain").end(hello));
    }

    /** Fired once the HTTP server listens, ready to serve the connections queued meanwhile. */
    void startAccepting(@ObservesAsync HttpServerStart start) {
        InheritedChannelTransport.startAccepting();
    }

    /**
     * The first step of the graceful stop. Fired before Quarkus stops anything (see
     * quarkus.shutdown.delay-enabled in application.properties), while every part still serves.
     */
    void stopAccepting(@Observes ShutdownDelayInitiatedEvent event) throws InterruptedException {
        InheritedChannelTransport.stopAccepting(Duration.ofSeconds(2));
    }
}
