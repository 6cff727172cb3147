package uz.eimzo.tsa.fast;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import uz.eimzo.fasthttp.NettyListener;
import uz.eimzo.tsa.stamping.StampTimers;
import uz.eimzo.tsa.stamping.TimeStamper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty time-stamp listener: started and stopped with the Spring context. Owns what every connection shares: the
 * listener (event loops, the bound on connections) and the count of replies waiting for their ledger commit.
 */
public final class NettyTsaServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NettyTsaServer.class);

    final TimeStamper stamper;
    final int maxRequestBytes;
    final StampTimers timers;
    final Clock clock;
    final long readTimeoutNanos;
    private final NettyProperties properties;
    private final NettyListener listener;
    private final AtomicInteger awaitingCommit = new AtomicInteger();
    private volatile boolean running;
    /** The Date header of this second: formatted once a second, not once a reply. */
    private volatile HttpDate date = new HttpDate(Long.MIN_VALUE, "");

    private record HttpDate(long second, String text) {
    }

    NettyTsaServer(NettyProperties properties, TimeStamper stamper, int maxRequestBytes, StampTimers timers, Clock clock) {
        this.properties = properties;
        this.stamper = stamper;
        this.maxRequestBytes = maxRequestBytes;
        this.timers = timers;
        this.clock = clock;
        this.readTimeoutNanos = properties.readTimeout().toNanos();
        this.listener = new NettyListener(properties, "tsa-netty-", () -> new TsaChannelHandler(this), () -> { });
    }

    @Override
    public synchronized void start() {
        listener.start();
        running = true;
        log.info("Time-stamp requests on Netty listening on port {} ({} event-loop threads, at most {} connections)", port(),
                listener.threads(), properties.maxConnections());
    }

    /** Stops accepting, lets replies waiting for their commit go out (up to the shutdown timeout), then closes. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        listener.stop(this::awaitCommits);
    }

    private void awaitCommits() {
        long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
        while (awaitingCommit.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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

    /** The Date header's value now (RFC 1123, to the second). */
    String httpDate() {
        Instant now = clock.instant();
        HttpDate current = date;
        if (current.second() != now.getEpochSecond()) {
            current = new HttpDate(now.getEpochSecond(),
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
            date = current;
        }
        return current.text();
    }

    /** Counts replies signed and waiting for their ledger commit, so a shutdown can wait for them. */
    void awaiting(int delta) {
        awaitingCommit.addAndGet(delta);
    }
}
