package dev.catflap.examples.quarkus;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.vertx.core.impl.transports.JDKTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vert.x 4's NIO transport, except that its TCP server channel is the listening socket this process
 * inherited (catflap --stdin puts it at fd 0, where System.inheritedChannel() finds it). Vert.x 4
 * finds it through META-INF/services/io.vertx.core.spi.transport.Transport when asked to prefer a
 * native transport (quarkus.vertx.prefer-native-transport=true). Without an inherited socket it says
 * it is unavailable, and Vert.x (so Quarkus) binds its port as usual.
 */
public final class InheritedChannelTransport extends JDKTransport {

    private static final ServerSocketChannel INHERITED = inherited();
    private static volatile InheritedServerChannel server;

    private static ServerSocketChannel inherited() {
        try {
            return System.inheritedChannel() instanceof ServerSocketChannel channel ? channel : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    @Override
    public boolean isAvailable() {
        return INHERITED != null;
    }

    @Override
    public Throwable unavailabilityCause() {
        return new IllegalStateException("stdin is not a listening socket (run under catflap --stdin)");
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
        return domainSocket ? super.serverChannelFactory(true) : () -> server = new InheritedServerChannel(INHERITED);
    }

    /** Starts accepting: call it once the HTTP server listens. */
    static void startAccepting() {
        InheritedServerChannel listener = server;
        if (listener != null) {
            listener.config().setAutoRead(true);
        }
    }

    /**
     * Closes this JVM's copy of the listening socket, so that new connections wait in the kernel's
     * queue for the next server, then waits (at most {@code limit}) until every connection accepted
     * before has sent its first bytes: Vert.x would close a connection whose request it has not
     * read yet when Quarkus stops the HTTP server.
     */
    static void stopAccepting(Duration limit) throws InterruptedException {
        InheritedServerChannel listener = server;
        if (listener == null) {
            return;
        }
        listener.close().syncUninterruptibly();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!listener.unread.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Netty's NIO server channel on a socket that is bound and listening already. */
    private static final class InheritedServerChannel extends NioServerSocketChannel {
        /** Accepted connections that have sent nothing yet. */
        final Set<Channel> unread = ConcurrentHashMap.newKeySet();

        InheritedServerChannel(ServerSocketChannel channel) {
            super(channel);
            // The socket is listening already, and connections may be queued on it: Netty would
            // accept them as soon as the channel is registered, before Vert.x has the event loops
            // to serve them (it would close them). startAccepting() turns this on once it has.
            config().setAutoRead(false);
        }

        @Override
        protected void doBind(SocketAddress localAddress) {
            // already bound: binding again would throw AlreadyBoundException
        }

        @Override
        protected int doReadMessages(List<Object> accepted) throws Exception {
            int before = accepted.size();
            int count = super.doReadMessages(accepted);
            for (Object each : accepted.subList(before, accepted.size())) {
                Channel child = (Channel) each;
                unread.add(child);
                child.closeFuture().addListener(closed -> unread.remove(child));
                child.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        unread.remove(child);
                        ctx.pipeline().remove(this);
                        ctx.fireChannelRead(msg);
                    }
                });
            }
            return count;
        }
    }
}
