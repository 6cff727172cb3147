package uz.eimzo.ocsp.fast;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import uz.eimzo.fasthttp.NettyListener;
import uz.eimzo.ocsp.responding.OcspResponder;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The Netty OCSP listener: started and stopped with the Spring context. Owns what every connection shares: the
 * listener (event loops, the bound on connections) and the bounded hand-off of cache misses to virtual threads.
 */
public final class NettyOcspServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NettyOcspServer.class);

    final OcspResponder responder;
    final int maxRequestBytes;
    final Clock clock;
    final long readTimeoutNanos;
    private final NettyProperties properties;
    private final NettyListener listener;
    private final Semaphore pending;
    private final Counter busy;
    private final Counter timedOut;
    private ExecutorService misses;
    private volatile boolean running;

    NettyOcspServer(NettyProperties properties, OcspResponder responder, int maxRequestBytes, Clock clock,
                    MeterRegistry registry) {
        this.properties = properties;
        this.responder = responder;
        this.maxRequestBytes = maxRequestBytes;
        this.clock = clock;
        this.readTimeoutNanos = properties.readTimeout().toNanos();
        this.pending = new Semaphore(properties.maxPending());
        Counter refusedConnections = refused(registry, "connections");
        this.listener = new NettyListener(properties, "ocsp-netty-", () -> new OcspChannelHandler(this),
                refusedConnections::increment);
        Gauge.builder("eimzo.ocsp.netty.connections", listener, NettyListener::connections)
                .description("Connections open on the Netty OCSP listener").register(registry);
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
        misses = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ocsp-netty-miss-", 0).factory());
        listener.start();
        running = true;
        log.info("OCSP on Netty listening on port {} ({} event-loop threads)", port(), listener.threads());
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
        listener.stop(this::finishMisses);
    }

    private void finishMisses() {
        long timeout = properties.shutdownTimeout().toMillis();
        misses.shutdown();
        try {
            if (!misses.awaitTermination(timeout, TimeUnit.MILLISECONDS)) {
                log.warn("OCSP requests on Netty still in progress after {} ms; closing anyway", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The port bound (the configured one, or the one the system chose for port 0). */
    public int port() {
        return listener.port();
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
