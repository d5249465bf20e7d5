package dev.catflap.examples.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Netty (native epoll) on the socket catflap passes as fd 3 (LISTEN_FD=3):
 * {@code catflap -p 8080 -- java -jar target/netty-example.jar}.
 */
public final class NettyServer {

    /** Set on a connection between two requests: the only moment it can be closed without losing one. */
    private static final AttributeKey<Boolean> IDLE = AttributeKey.valueOf("idle");

    private static final ChannelGroup CONNECTIONS = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private static volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        if (!Epoll.isAvailable()) { // not Linux, or the native library does not load
            System.err.println("example unavailable here: Netty's native epoll: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        byte[] hello = ("hello from netty pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory());
        Channel listener = new ServerBootstrap()
                .group(boss, workers)
                // The adoption: a channel on the inherited fd, registered, not bound
                // (bind() on a socket that is already bound fails with EINVAL).
                .channelFactory(() -> new EpollServerSocketChannel(3))
                .handler(new Accepted())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Busy(), new HttpServerCodec(), new HttpObjectAggregator(65536), new Hello(hello));
                    }
                })
                .register().sync().channel();
        System.err.println("netty pid " + ProcessHandle.current().pid() + " accepting on fd 3");

        // Graceful stop on SIGTERM: first close this JVM's copy of the listening socket,
        // so new connections wait in the kernel's queue for the next server; then let the
        // requests in hand finish (workers.shutdownGracefully alone would close connections
        // accepted a moment ago, before their request is read), then exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.close().syncUninterruptibly();
            stopping = true;
            CONNECTIONS.stream().filter(Channel::isRegistered).forEach(ch -> ch.eventLoop().execute(() -> {
                if (Boolean.TRUE.equals(ch.attr(IDLE).get())) {
                    ch.close();
                }
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4); // catflap's --grace is 5 s
            while (!CONNECTIONS.isEmpty() && System.nanoTime() < deadline) {
                sleep(20);
            }
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }));
        listener.closeFuture().sync();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Counts each connection as soon as it is accepted (on the accepting loop, so that once the
     * listener is closed, every connection it accepted is counted, even one not yet handed to a worker).
     */
    private static final class Accepted extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object child) {
            CONNECTIONS.add((Channel) child);
            ctx.fireChannelRead(child);
        }
    }

    /** Marks the connection busy as soon as any byte of a request arrives. */
    private static final class Busy extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.channel().attr(IDLE).set(false);
            ctx.fireChannelRead(msg);
        }
    }

    /** Answers every request with the same line; keeps the connection open for the next one unless stopping. */
    private static final class Hello extends SimpleChannelInboundHandler<HttpRequest> {
        private final byte[] body;

        Hello(byte[] body) {
            this.body = body;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            HttpUtil.setContentLength(response, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request) && !stopping;
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
                if (keepAlive && !stopping) {
                    written.channel().attr(IDLE).set(true);
                } else {
                    written.channel().close();
                }
            });
        }
    }
}
