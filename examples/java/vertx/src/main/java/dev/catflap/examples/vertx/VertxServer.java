package dev.catflap.examples.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/**
 * Vert.x 5 on the socket catflap --stdin passes as fd 0:
 * {@code catflap -p 8080 --stdin -- java -jar target/vertx-example.jar}.
 */
public final class VertxServer {

    public static void main(String[] args) throws Exception {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel)) {
            System.err.println("stdin is not a listening socket (got " + inherited + "); run me under catflap --stdin");
            System.exit(1);
        }
        long pid = ProcessHandle.current().pid();
        String hello = "hello from vertx pid " + pid + "\n";

        // The adoption: a transport whose server channel is the inherited one.
        InheritedChannelTransport transport = new InheritedChannelTransport((ServerSocketChannel) inherited);
        Vertx vertx = Vertx.builder().withTransport(transport).build();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.response().putHeader("content-type", "text/plain").end(hello));
        // The port is not used: the channel is bound and listening already.
        await(server.listen(0, "127.0.0.1"));
        transport.startAccepting();
        System.err.println("vertx pid " + pid + " accepting on " + ((ServerSocketChannel) inherited).getLocalAddress());

        // Graceful stop on SIGTERM: first close this JVM's copy of the listening socket (new
        // connections wait in the kernel's queue for the next server) and wait for the
        // requests of connections accepted just before; then shutdown() finishes the requests
        // in hand and closes idle connections. All within catflap's 5 s --grace.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                transport.stopAccepting(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            await(server.shutdown(Duration.ofSeconds(2)));
            await(vertx.close());
        }));
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
