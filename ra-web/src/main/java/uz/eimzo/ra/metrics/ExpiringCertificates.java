package uz.eimzo.ra.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.revocation.CertificateStatus;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many good certificates of each active CA end within a window: a range scan of the partial index
 * {@code certificate_not_after} (good certificates only), read at most once per reuse period, never per scrape.
 */
final class ExpiringCertificates {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration within;
    private final long reuseNanos;
    private volatile Map<String, Long> last = Map.of();
    private volatile long readAt;
    private volatile boolean read;

    ExpiringCertificates(JdbcClient jdbc, Clock clock, Duration within, Duration reuse) {
        this.jdbc = jdbc;
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
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select ca.name, coalesce(e.expiring, 0) as expiring
                from ca left join (select ca_id, count(*) as expiring from certificate
                                   where status = ? and not_after > ? and not_after <= ? group by ca_id) e
                       on e.ca_id = ca.id
                where ca.status = 'ACTIVE' order by ca.id""")
                .params(CertificateStatus.GOOD.name(), Timestamp.from(now), Timestamp.from(now.plus(within)))
                .query(rs -> {
                    counts.put(rs.getString("name"), rs.getLong("expiring"));
                });
        return Map.copyOf(counts);
    }
}
