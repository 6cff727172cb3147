package uz.eimzo.tsa.fast;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import uz.eimzo.tsa.stamping.StampTimers;
import uz.eimzo.tsa.stamping.TimeStamper;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty time-stamp listener: started and stopped with the Spring context. Owns what every connection shares: the
 * event loops and the bound on connections.
 */
public final class NettyTsaServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NettyTsaServer.class);
    /** Tomcat's default limit on a request's line and headers. */
    private static final int MAX_HEAD_BYTES = 8192;

    final TimeStamper stamper;
    final int maxRequestBytes;
    final StampTimers timers;
    final Clock clock;
    final long readTimeoutNanos;
    private final NettyProperties properties;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger awaitingCommit = new AtomicInteger();
    private EventLoopGroup group;
    private Channel listener;
    private volatile boolean running;

    NettyTsaServer(NettyProperties properties, TimeStamper stamper, int maxRequestBytes, StampTimers timers, Clock clock) {
        this.properties = properties;
        this.stamper = stamper;
        this.maxRequestBytes = maxRequestBytes;
        this.timers = timers;
        this.clock = clock;
        this.readTimeoutNanos = properties.readTimeout().toNanos();
    }

    @Override
    public synchronized void start() {
        int threads = properties.eventLoopThreads() > 0 ? properties.eventLoopThreads()
                : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(threads, Thread.ofPlatform().name("tsa-netty-", 0).factory(),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.incrementAndGet();
                        channel.closeFuture().addListener(closed -> connections.decrementAndGet());
                        if (connections.get() > properties.maxConnections()) {
                            channel.close();
                            return;
                        }
                        channel.pipeline().addLast(new HttpServerCodec(MAX_HEAD_BYTES, MAX_HEAD_BYTES, MAX_HEAD_BYTES),
                                new HttpServerExpectContinueHandler(), new TsaChannelHandler(NettyTsaServer.this));
                    }
                });
        InetSocketAddress address = properties.address() == null || properties.address().isBlank()
                ? new InetSocketAddress(properties.port()) : new InetSocketAddress(properties.address(), properties.port());
        listener = bootstrap.bind(address).syncUninterruptibly().channel();
        running = true;
        log.info("Time-stamp requests on Netty listening on port {} ({} event-loop threads, at most {} connections)", port(),
                threads, properties.maxConnections());
    }

    /** Stops accepting, lets replies waiting for their commit go out (up to the shutdown timeout), then closes. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        listener.close().syncUninterruptibly();
        long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
        while (awaitingCommit.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // A short quiet period lets the replies just produced be written before the connections close.
        group.shutdownGracefully(100, properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The port bound (the configured one, or the one the system chose for port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Counts replies signed and waiting for their ledger commit, so a shutdown can wait for them. */
    void awaiting(int delta) {
        awaitingCommit.addAndGet(delta);
    }
}
