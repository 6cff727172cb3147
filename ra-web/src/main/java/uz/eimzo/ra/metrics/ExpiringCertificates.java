package uz.eimzo.ra.metrics;

import uz.eimzo.ca.storage.CertificateStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How many good certificates of each active CA end within a window: a range scan of the partial index
 * {@code certificate_not_after} (good certificates only), read at most once per reuse period, never per scrape.
 */
final class ExpiringCertificates {

    private final CertificateStore certificates;
    private final Clock clock;
    private final Duration within;
    private final long reuseNanos;
    private volatile Map<String, Long> last = Map.of();
    private volatile long readAt;
    private volatile boolean read;

    ExpiringCertificates(CertificateStore certificates, Clock clock, Duration within, Duration reuse) {
        this.certificates = certificates;
        this.clock = clock;
        this.within = within;
        this.reuseNanos = reuse.toNanos();
    }

    /** CA name to count; the last reading when the database cannot be asked. */
    Map<String, Long> perCa() {
        if (read && System.nanoTime() - readAt < reuseNanos) {
            return last;
        }
        synchronized (this) {
            if (!read || System.nanoTime() - readAt >= reuseNanos) {
                try {
                    last = query();
                } catch (RuntimeException databaseDown) {
                    // Keep the last figures; the db health indicator reports the outage.
                }
                readAt = System.nanoTime();
                read = true;
            }
            return last;
        }
    }

    private Map<String, Long> query() {
        Instant now = clock.instant();
        return Map.copyOf(certificates.goodExpiringPerActiveCa(now, now.plus(within)));
    }
}
