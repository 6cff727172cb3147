package uz.eimzo.ocsp.fast;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import uz.eimzo.ocsp.responding.OcspResponder;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty OCSP listener: started and stopped with the Spring context. Owns what every connection shares: the
 * event loops, the bound on connections, and the bounded hand-off of cache misses to virtual threads.
 */
public final class NettyOcspServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NettyOcspServer.class);
    /** Tomcat's default limit on a request's line and headers: a GET path longer than this is refused by both. */
    private static final int MAX_HEAD_BYTES = 8192;

    final OcspResponder responder;
    final int maxRequestBytes;
    final Clock clock;
    final long readTimeoutNanos;
    private final NettyProperties properties;
    private final Semaphore pending;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter refusedConnections;
    private final Counter busy;
    private final Counter timedOut;
    private ExecutorService misses;
    private EventLoopGroup group;
    private Channel listener;
    private volatile boolean running;

    NettyOcspServer(NettyProperties properties, OcspResponder responder, int maxRequestBytes, Clock clock,
                    MeterRegistry registry) {
        this.properties = properties;
        this.responder = responder;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
        this.readTimeoutNanos = properties.readTimeout().toNanos();
        this.pending = new Semaphore(properties.maxPending());
        Gauge.builder("eimzo.ocsp.netty.connections", connections, AtomicInteger::get)
                .description("Connections open on the Netty OCSP listener").register(registry);
        refusedConnections = refused(registry, "connections");
        busy = refused(registry, "busy");
        timedOut = refused(registry, "timeout");
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("eimzo.ocsp.netty.refused").tag("reason", reason)
                .description("Connections closed at the limit or for a request not received in time; requests answered tryLater for lack of room")
                .register(registry);
    }

    @Override
    public synchronized void start() {
        int threads = properties.eventLoopThreads() > 0 ? properties.eventLoopThreads() : Runtime.getRuntime().availableProcessors();
        misses = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ocsp-netty-miss-", 0).factory());
        group = new MultiThreadIoEventLoopGroup(threads, Thread.ofPlatform().name("ocsp-netty-", 0).factory(),
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
                            refusedConnections.increment();
                            channel.close();
                            return;
                        }
                        channel.pipeline().addLast(new HttpServerCodec(MAX_HEAD_BYTES, MAX_HEAD_BYTES, MAX_HEAD_BYTES),
                                new HttpServerExpectContinueHandler(), new OcspChannelHandler(NettyOcspServer.this));
                    }
                });
        InetSocketAddress address = properties.address() == null || properties.address().isBlank()
                ? new InetSocketAddress(properties.port()) : new InetSocketAddress(properties.address(), properties.port());
        listener = bootstrap.bind(address).syncUninterruptibly().channel();
        running = true;
        log.info("OCSP on Netty listening on port {} ({} event-loop threads)", port(), threads);
    }

    /**
     * Stops accepting, lets requests already handed off be answered (up to the shutdown timeout), then closes
     * every connection.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        long timeout = properties.shutdownTimeout().toMillis();
        listener.close().syncUninterruptibly();
        misses.shutdown();
        try {
            if (!misses.awaitTermination(timeout, TimeUnit.MILLISECONDS)) {
                log.warn("OCSP requests on Netty still in progress after {} ms; closing anyway", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A short quiet period lets the answers just produced be written before the connections close.
        group.shutdownGracefully(100, timeout, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The port bound (the configured one, or the one the system chose for port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Runs a cache miss off the event loop; false when as many as allowed are already in progress (or stopping). */
    boolean offload(Runnable answer) {
        if (!running || !pending.tryAcquire()) {
            busy.increment();
            return false;
        }
        try {
            misses.execute(() -> {
                try {
                    answer.run();
                } finally {
                    pending.release();
                }
            });
            return true;
        } catch (RuntimeException rejected) {
            pending.release();
            busy.increment();
            return false;
        }
    }

    void timedOut() {
        timedOut.increment();
    }
}
