package uz.eimzo.ocsp.status;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Listens on the database's status channels with a connection of its own. While it listens the cache can be
 * trusted; when the connection drops the responder stops answering from it (tryLater) until it is back and
 * the cache has been emptied of anything a missed notification could have made stale.
 */
public final class StatusFeed implements AutoCloseable {

    /** Same as ca-core's Revocations.CHANNEL: payload {@code caId:serialHex}. */
    public static final String STATUS_CHANNEL = "certificate_status";
    /** Same as ca-core's ResponderCertificates.CHANNEL: payload is the responder name. */
    public static final String RESPONDER_CHANNEL = "responder_certificate";

    private static final Logger log = LoggerFactory.getLogger(StatusFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROBE = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final String url;
    private final Properties credentials;
    private final ResponseCache cache;
    private final Consumer<String> responderCertificates;
    private final Changes changes;
    private final Thread thread;
    private volatile boolean connected;
    private volatile boolean running = true;
    private volatile String lastError = "not connected yet";

    /** Told of status changes before the cache forgets them, so the next read can go where the change already is. */
    public interface Changes {
        Changes NONE = new Changes() {
        };

        /** A notification named this certificate. */
        default void changed(int caId, BigInteger serial) {
        }

        /** Notifications may have been missed: any certificate may have changed. */
        default void unknown() {
        }
    }

    public StatusFeed(String url, String user, String password, ResponseCache cache, Consumer<String> responderCertificates) {
        this(url, user, password, cache, responderCertificates, Changes.NONE);
    }

    public StatusFeed(String url, String user, String password, ResponseCache cache, Consumer<String> responderCertificates,
                      Changes changes) {
        this.changes = changes;
        this.url = url;
        this.credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
        credentials.setProperty("ApplicationName", "eimzo-ocsp-listener");
        credentials.setProperty("connectTimeout", "5");
        credentials.setProperty("socketTimeout", "10");
        credentials.setProperty("tcpKeepAlive", "true");
        this.cache = cache;
        this.responderCertificates = responderCertificates;
        this.thread = Thread.ofPlatform().daemon().name("ocsp-status-feed").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** True while notifications are flowing: only then may cached answers be served. */
    public boolean connected() {
        return connected;
    }

    public String lastError() {
        return lastError;
    }

    /** Blocks until connected or the timeout passes; for startup and tests. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return connected;
    }

    private void run() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + STATUS_CHANNEL);
                    s.execute("LISTEN " + RESPONDER_CHANNEL);
                }
                // Anything may have changed while we were not listening.
                changes.unknown();
                cache.clear();
                connected = true;
                lastError = null;
                log.info("Listening for certificate status changes");
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (connected) {
                    log.warn("Lost the database connection; answering tryLater until it is back: {}", e.getMessage());
                }
                lastError = e.getMessage();
            } finally {
                connected = false;
                changes.unknown();
                cache.clear();
            }
            sleep(RETRY);
        }
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextProbe = System.nanoTime() + PROBE.toNanos();
        while (running) {
            PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    handle(notification);
                }
            }
            if (System.nanoTime() > nextProbe) {
                // A silent network failure sends no error: ask, so a dead link is noticed within a second or two.
                try (Statement s = connection.createStatement()) {
                    s.setQueryTimeout(2);
                    s.execute("select 1");
                }
                nextProbe = System.nanoTime() + PROBE.toNanos();
            }
        }
    }

    private void handle(PGNotification notification) {
        String payload = notification.getParameter();
        if (STATUS_CHANNEL.equals(notification.getName())) {
            int colon = payload.indexOf(':');
            try {
                int caId = Integer.parseInt(payload.substring(0, colon));
                BigInteger serial = new BigInteger(payload.substring(colon + 1), 16);
                changes.changed(caId, serial);
                cache.invalidate(caId, serial);
            } catch (RuntimeException malformed) {
                // Someone else wrote to the channel: be safe and forget everything.
                changes.unknown();
                cache.clear();
            }
        } else if (RESPONDER_CHANNEL.equals(notification.getName())) {
            responderCertificates.accept(payload);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
