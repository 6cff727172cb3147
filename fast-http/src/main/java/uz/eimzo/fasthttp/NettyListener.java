package uz.eimzo.fasthttp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One listening port on Netty's HTTP codec: the event loops, the bound on open connections, and the head size limit.
 * Each accepted connection gets a fresh handler from the application (a {@link FastChannelHandler}). Not thread-safe:
 * the application's lifecycle calls {@link #start()} and {@link #stop} from one thread.
 */
public final class NettyListener {

    /** Tomcat's default limit on a request's line and headers: a longer one is refused by both. */
    private static final int MAX_HEAD_BYTES = 8192;

    private final ListenerSettings settings;
    private final String threadPrefix;
    private final Supplier<? extends ChannelHandler> handlers;
    private final Runnable refused;
    private final AtomicInteger connections = new AtomicInteger();
    private EventLoopGroup group;
    private Channel channel;
    private int threads;

    /**
     * @param threadPrefix names the event-loop threads ({@code ocsp-netty-0}, …)
     * @param handlers     a new handler for each connection
     * @param refused      told of each connection closed at the limit
     */
    public NettyListener(ListenerSettings settings, String threadPrefix, Supplier<? extends ChannelHandler> handlers,
                         Runnable refused) {
        this.settings = settings;
        this.threadPrefix = threadPrefix;
        this.handlers = handlers;
        this.refused = refused;
    }

    /** Binds the port; returns when it accepts connections. */
    public void start() {
        threads = settings.eventLoopThreads() > 0 ? settings.eventLoopThreads() : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(threads, Thread.ofPlatform().name(threadPrefix, 0).factory(),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connections.incrementAndGet();
                        connection.closeFuture().addListener(closed -> connections.decrementAndGet());
                        if (connections.get() > settings.maxConnections()) {
                            refused.run();
                            connection.close();
                            return;
                        }
                        connection.pipeline().addLast(new HttpServerCodec(MAX_HEAD_BYTES, MAX_HEAD_BYTES, MAX_HEAD_BYTES),
                                new HttpServerExpectContinueHandler(), handlers.get());
                    }
                });
        InetSocketAddress address = settings.address() == null || settings.address().isBlank()
                ? new InetSocketAddress(settings.port()) : new InetSocketAddress(settings.address(), settings.port());
        channel = bootstrap.bind(address).syncUninterruptibly().channel();
    }

    /**
     * Closes the port, runs {@code drain} (which waits, up to the shutdown timeout, for replies in progress) while
     * the connections already open stay open for them, then closes every connection.
     */
    public void stop(Runnable drain) {
        channel.close().syncUninterruptibly();
        drain.run();
        // A short quiet period lets the replies just produced be written before the connections close.
        group.shutdownGracefully(100, settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** The port bound (the configured one, or the one the system chose for port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The number of event-loop threads, once started. */
    public int threads() {
        return threads;
    }

    /** Connections open now (one over the limit counts until it is closed). */
    public int connections() {
        return connections.get();
    }
}
