package dev.catflap.examples.micronaut;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A graceful stop that loses no request across restarts. On shutdown it first closes this JVM's
 * copy of the listening socket, so that new connections wait in the kernel's queue for the next
 * server; then waits until every connection accepted before has sent its first bytes; only then
 * does it run Micronaut's graceful shutdown, which finishes the requests in hand and closes idle
 * connections. Micronaut's own (micronaut.lifecycle.graceful-shutdown.enabled) closes the listener
 * and the connections at the same moment, and so drops a connection accepted a moment before whose
 * request it has not read yet (the client sees an empty reply).
 */
@Singleton
final class StopAcceptingFirst implements BeanCreatedEventListener<NettyServerCustomizer.Registry>,
        ApplicationEventListener<ShutdownEvent>, NettyServerCustomizer {

    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    /** Accepted connections that have sent nothing yet. */
    private final Set<Channel> unread = ConcurrentHashMap.newKeySet();
    /** Looked up at shutdown: the manager needs the server, and the server needs this customizer. */
    private final BeanProvider<GracefulShutdownManager> manager;

    StopAcceptingFirst(BeanProvider<GracefulShutdownManager> manager) {
        this.manager = manager;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(this);
        return event.getBean();
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        if (role == ChannelRole.LISTENER) {
            listeners.add(channel);
        } else if (role == ChannelRole.CONNECTION) {
            unread.add(channel);
            channel.closeFuture().addListener(closed -> unread.remove(channel));
            channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    unread.remove(channel);
                    ctx.pipeline().remove(this);
                    ctx.fireChannelRead(msg);
                }
            });
        }
        return this;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        listeners.forEach(listener -> listener.close().syncUninterruptibly());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!unread.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // the rest of catflap's 5 s --grace
            manager.get().shutdownGracefully().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("graceful shutdown: " + e);
        }
    }
}
