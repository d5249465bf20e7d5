package dev.catflap.examples.vertx;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.spi.transport.Transport;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vert.x's NIO transport, except that every TCP server it makes is the listening socket this
 * process inherited (catflap --stdin puts it at fd 0, where System.inheritedChannel() finds it).
 * {@link #stopAccepting} is the first half of a graceful stop.
 */
final class InheritedChannelTransport implements io.vertx.core.transport.Transport, Transport {

    private final Transport nio = io.vertx.core.transport.Transport.NIO.implementation();
    private final ServerSocketChannel inherited;
    private volatile InheritedServerChannel server;

    InheritedChannelTransport(ServerSocketChannel inherited) {
        this.inherited = inherited;
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
        return domainSocket ? nio.serverChannelFactory(true) : () -> server = new InheritedServerChannel(inherited);
    }

    /** Starts accepting: call it once the HTTP server listens. */
    void startAccepting() {
        InheritedServerChannel listener = server;
        if (listener != null) {
            listener.config().setAutoRead(true);
        }
    }

    /**
     * Closes this JVM's copy of the listening socket, so that new connections wait in the kernel's
     * queue for the next server, then waits (at most {@code limit}) until every connection accepted
     * before has sent its first bytes: Vert.x's shutdown() closes a connection with no request in
     * hand, and would drop one accepted a moment ago whose request it has not read yet.
     */
    void stopAccepting(Duration limit) throws InterruptedException {
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

    // The rest is the NIO transport as it is.

    @Override
    public String name() {
        return "inherited-nio";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Throwable unavailabilityCause() {
        return null;
    }

    @Override
    public Transport implementation() {
        return this;
    }

    @Override
    public IoHandlerFactory ioHandlerFactory() {
        return nio.ioHandlerFactory();
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
        return nio.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends DatagramChannel> datagramChannelFactory() {
        return nio.datagramChannelFactory();
    }

    @Override
    public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
        return nio.channelFactory(domainSocket);
    }

    @Override
    public void configure(TcpConfig options, boolean domainSocket, ServerBootstrap bootstrap) {
        nio.configure(options, domainSocket, bootstrap);
    }

    @Override
    public void configure(TcpConfig options, boolean domainSocket, Bootstrap bootstrap) {
        nio.configure(options, domainSocket, bootstrap);
    }
}
