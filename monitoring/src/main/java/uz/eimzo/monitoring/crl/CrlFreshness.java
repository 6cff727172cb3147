package uz.eimzo.monitoring.crl;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The newest full and delta CRL of every active CA, as relying parties find them at the distribution points: what
 * health checks and monitoring read to tell whether CRL publication keeps up. Two index look-ups per CA.
 */
public final class CrlFreshness {

    /** Full or delta CRL. */
    public enum Kind {
        FULL, DELTA;

        /** Lower-case name, as monitoring tags carry it. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The validity window of one published CRL. */
    public record Published(Kind kind, Instant thisUpdate, Instant nextUpdate) {
    }

    /**
     * One CA's newest CRLs.
     *
     * @param full  null while the CA has no CRL at all
     * @param delta null while the CA has no delta CRL
     */
    public record CaCrls(String ca, Published full, Published delta) {

        /** The CRLs relying parties would find there: the full one and, when there is one, the delta. */
        public List<Published> published() {
            List<Published> all = new ArrayList<>(2);
            if (full != null) {
                all.add(full);
            }
            if (delta != null) {
                all.add(delta);
            }
            return all;
        }

        /** True once the nextUpdate of one of the CRLs relying parties would find has passed. */
        public boolean expired(Instant now) {
            return published().stream().anyMatch(crl -> !crl.nextUpdate().isAfter(now));
        }

        /**
         * Why this CA's CRLs are not fresh at {@code now}, or null when they are: a CRL is stale once its nextUpdate
         * is less than {@code margin} away, so an alert comes before relying parties start failing.
         */
        public String problem(Instant now, Duration margin) {
            if (full == null) {
                return "no CRL issued yet";
            }
            for (Published crl : published()) {
                if (!crl.nextUpdate().isAfter(now.plus(margin))) {
                    return "the " + crl.kind().tag() + " CRL's nextUpdate " + crl.nextUpdate()
                            + (crl.nextUpdate().isAfter(now) ? " is less than " + margin + " away" : " has passed");
                }
            }
            return null;
        }
    }

    private final JdbcClient jdbc;
    private final long reuseNanos;
    private volatile List<CaCrls> last = List.of();
    private volatile long readAt;
    private volatile boolean read;

    /** Reads the database on every call. */
    public CrlFreshness(JdbcClient jdbc) {
        this(jdbc, Duration.ZERO);
    }

    /** @param reuse how long a reading is answered again before the database is asked anew (health probes, scrapes) */
    public CrlFreshness(JdbcClient jdbc, Duration reuse) {
        this.jdbc = jdbc;
        this.reuseNanos = reuse.toNanos();
    }

    /** Every active CA, in id order, with its newest CRLs; a reading younger than the reuse period is answered again. */
    public List<CaCrls> current() {
        if (read && System.nanoTime() - readAt < reuseNanos) {
            return last;
        }
        synchronized (this) {
            if (!read || System.nanoTime() - readAt >= reuseNanos) {
                last = query();
                readAt = System.nanoTime();
                read = true;
            }
            return last;
        }
    }

    /** The last successful reading, without asking the database (empty before the first). */
    public List<CaCrls> lastKnown() {
        return last;
    }

    private List<CaCrls> query() {
        // Each lateral sub-select walks the (ca_id, crl_number) primary key backwards and stops at the first match.
        return jdbc.sql("""
                select ca.name, f.this_update as full_this, f.next_update as full_next,
                       d.this_update as delta_this, d.next_update as delta_next
                from ca
                left join lateral (select this_update, next_update from crl
                                   where crl.ca_id = ca.id and base_crl_number is null
                                   order by crl_number desc limit 1) f on true
                left join lateral (select this_update, next_update from crl
                                   where crl.ca_id = ca.id and base_crl_number is not null
                                   order by crl_number desc limit 1) d on true
                where ca.status = 'ACTIVE' order by ca.id""")
                .query((rs, row) -> new CaCrls(rs.getString("name"), published(rs, Kind.FULL, "full"),
                        published(rs, Kind.DELTA, "delta")))
                .list();
    }

    private static Published published(ResultSet rs, Kind kind, String prefix) throws SQLException {
        Timestamp thisUpdate = rs.getTimestamp(prefix + "_this");
        Timestamp nextUpdate = rs.getTimestamp(prefix + "_next");
        return thisUpdate == null ? null : new Published(kind, thisUpdate.toInstant(), nextUpdate.toInstant());
    }
}
