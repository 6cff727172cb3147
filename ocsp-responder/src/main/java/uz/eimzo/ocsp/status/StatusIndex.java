package uz.eimzo.ocsp.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ocsp.authorities.ServedCa;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The status of every certificate of the served CAs, in memory, so that answering about a certificate no one asked
 * about before needs no database read (docs/ocsp-crl.md, "At national scale").
 *
 * <p>Per CA: the serials that were GOOD when the CA was loaded, packed 16 bytes each ({@link SerialTable}), and a map
 * of everything else — revoked and held certificates with time and reason, serials too long for the table, and
 * every change seen since. It is loaded by keyset pages over the primary key, from the primary, then kept current
 * three ways:
 * <ul>
 *     <li>a NOTIFY ({@link #changed}) marks the certificate dirty at once: until a catch-up has read it, look-ups
 *     send it to the database (the primary, by the replica rules), so a revocation is answered at once;</li>
 *     <li>every catch-up round reads, from the primary, every certificate whose revision is above the highest seen
 *     one overlap ago: revision numbers are taken before commit, so a change may commit after a higher one was seen,
 *     and the overlap re-reads them (this also repairs a missed notification and picks up new certificates);</li>
 *     <li>after notifications may have been missed ({@link #unknown}) every look-up goes to the database until a
 *     catch-up that started after it has finished.</li>
 * </ul>
 * Until the first round has loaded every CA served at start, their look-ups are {@link Verdict#LOADING}: the responder
 * answers tryLater, never a guess, and a cold responder does not send its whole traffic to the database. A CA that
 * appears later is the database's until the next round has loaded it (it is new, so it has few certificates). A serial
 * the index does not hold (issued after the load and not yet caught up, or never issued) goes to the database as before.
 */
public final class StatusIndex implements MeterBinder, AutoCloseable {

    /** What a look-up can say. */
    public enum Verdict { LOADING, KNOWN, ASK_DATABASE }

    /** A verdict, and the status when it is KNOWN. */
    public record Lookup(Verdict verdict, CertificateState state) {

        static final Lookup LOADING = new Lookup(Verdict.LOADING, null);
        static final Lookup ASK_DATABASE = new Lookup(Verdict.ASK_DATABASE, null);
    }

    /** A row as read: status PENDING rows are only read to page past them. */
    private record Row(int caId, CertificateState state, long revision) {
    }

    /**
     * One CA's statuses as loaded: the serials GOOD at load (positions are stable until the CA is loaded again) and
     * everything else. Read-only to callers; what a serial's status is now is {@link #lookup}'s to say.
     */
    record Statuses(SerialTable good, Map<BigInteger, CertificateState> others) {

        CertificateState state(BigInteger serial) {
            CertificateState other = others.get(serial);
            if (other != null) {
                return other;
            }
            return good.contains(serial) ? new CertificateState(serial, "GOOD", null, null) : null;
        }
    }

    private record Key(int caId, BigInteger serial) {
    }

    private record Seen(Instant at, long revision) {
    }

    private static final int PAGE = 100_000;
    private static final Logger log = LoggerFactory.getLogger(StatusIndex.class);

    private final JdbcClient primary;
    private final Supplier<List<ServedCa>> cas;
    private final ResponseCache cache;
    private final Duration overlap;
    private final Clock clock;
    private final Map<Integer, Statuses> loaded = new ConcurrentHashMap<>();
    // Notified certificates, with the notification's sequence number: cleared by the first catch-up that began after it.
    private final Map<Key, Long> dirty = new ConcurrentHashMap<>();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong unknowns = new AtomicLong();
    private volatile long currentAsOf = -1;
    // Set when a round has loaded every CA served at its start; cleared when the database went back.
    private volatile boolean started;
    // Catch-up thread only (catchUp is synchronized).
    private final Deque<Seen> seen = new ArrayDeque<>();
    private long floor = -1;
    private long highestEver = -1;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ocsp-status-index").factory());

    /**
     * @param primary the primary database: changes are read where they are notified from
     * @param cas     the CAs to index (new ones are loaded by the next catch-up)
     * @param cache   signed answers to drop when a catch-up finds a change no notification announced
     * @param overlap how far back each catch-up re-reads revisions; longer than any status-changing transaction
     */
    public StatusIndex(JdbcClient primary, Supplier<List<ServedCa>> cas, ResponseCache cache, Duration overlap, Clock clock) {
        this.primary = primary;
        this.cas = cas;
        this.cache = cache;
        this.overlap = overlap;
        this.clock = clock;
    }

    /** Runs {@link #catchUp} now and then every {@code interval} on a thread of its own, until closed. */
    public void start(Duration interval) {
        rounds.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // The next round re-reads the same overlap; until then notified certificates go to the database.
            log.warn("Could not bring the status index up to date: {}", e.getMessage());
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("eimzo.ocsp.index.certificates", this, StatusIndex::size)
                .description("Certificates whose status this instance holds in memory").register(registry);
        Gauge.builder("eimzo.ocsp.index.loading", this, index -> index.loaded() ? 0 : 1)
                .description("1 while a served CA is not loaded yet (its requests get tryLater)").register(registry);
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }

    /** What the index says about this certificate now. */
    public Lookup lookup(int caId, BigInteger serial) {
        Statuses statuses = loaded.get(caId);
        if (statuses == null) {
            return started ? Lookup.ASK_DATABASE : Lookup.LOADING;
        }
        if (currentAsOf != unknowns.get() || dirty.containsKey(new Key(caId, serial))) {
            return Lookup.ASK_DATABASE;
        }
        CertificateState state = statuses.state(serial);
        return state == null ? Lookup.ASK_DATABASE : new Lookup(Verdict.KNOWN, state);
    }

    /** What is loaded for one CA, or null. */
    Statuses statuses(int caId) {
        return loaded.get(caId);
    }

    /** True once every served CA is loaded. */
    public boolean loaded() {
        return cas.get().stream().allMatch(ca -> loaded.containsKey(ca.id()));
    }

    /** Certificates held, over all loaded CAs. */
    public long size() {
        return loaded.values().stream().mapToLong(s -> s.good().size() + s.others().size()).sum();
    }

    /** A notification named this certificate: answer it from the database until a catch-up has read the change. */
    public void changed(int caId, BigInteger serial) {
        dirty.put(new Key(caId, serial), notifications.incrementAndGet());
    }

    /** Notifications may have been missed: nothing from the index until a catch-up that starts after this. */
    public void unknown() {
        unknowns.incrementAndGet();
    }

    /** One round: loads CAs not loaded yet, then reads every change since one overlap ago. Run periodically. */
    public synchronized void catchUp() {
        long unknownsAtStart = unknowns.get();
        long notifiedAtStart = notifications.get();
        for (ServedCa ca : cas.get()) {
            if (!loaded.containsKey(ca.id())) {
                load(ca.id());
            }
        }
        if (!loaded.isEmpty() && wentBack()) {
            return;
        }
        if (!loaded.isEmpty()) {
            Instant now = clock.instant();
            long after = after(now);
            long highest = after;
            List<Row> rows = primary.sql("""
                    select ca_id, serial, status, revoked_at, revocation_reason, revision from certificate
                    where ca_id = any(?) and revision > ? and status <> 'PENDING'""")
                    .params(loaded.keySet().toArray(Integer[]::new), after)
                    .query((rs, n) -> row(rs)).list();
            for (Row row : rows) {
                apply(row.caId(), row.state());
                highest = Math.max(highest, row.revision());
            }
            seen.addLast(new Seen(now, highest));
            highestEver = Math.max(highestEver, highest);
        }
        dirty.values().removeIf(sequence -> sequence <= notifiedAtStart);
        currentAsOf = unknownsAtStart;
        started = true;
    }

    /**
     * True, after forgetting everything, when the database's revisions are below ones already seen: it was restored
     * from a backup under a running responder, and anything may have been undone. The next round loads afresh;
     * until then requests get tryLater.
     */
    private boolean wentBack() {
        long highest = 0;
        for (int caId : loaded.keySet()) {
            // One CA at a time: max over (ca_id, revision) for one ca_id is a single index probe, for any(...) a scan.
            highest = Math.max(highest, highestRevision(caId));
        }
        if (highest >= highestEver) {
            return false;
        }
        log.warn("Certificate revisions went back from {} to {} (a restored database?): reloading the status index",
                highestEver, highest);
        started = false;
        loaded.clear();
        seen.clear();
        floor = -1;
        highestEver = -1;
        cache.clear();
        return true;
    }

    /** The highest revision seen at least one overlap ago; before any is that old, the highest before the first load. */
    private long after(Instant now) {
        Instant cutoff = now.minus(overlap);
        Seen base = null;
        while (!seen.isEmpty() && !seen.peekFirst().at().isAfter(cutoff)) {
            base = seen.removeFirst();
        }
        if (base != null) {
            // Keep it: the next round's base is this one or a newer one.
            seen.addFirst(base);
            return base.revision();
        }
        return floor;
    }

    private void apply(int caId, CertificateState state) {
        Statuses statuses = loaded.get(caId);
        BigInteger serial = state.serial();
        if (state.equals(statuses.state(serial))) {
            return;
        }
        if ("GOOD".equals(state.status()) && statuses.good().contains(serial)) {
            statuses.others().remove(serial);
        } else {
            statuses.others().put(serial, state);
        }
        // No notification may have said so: signed answers from before are stale.
        cache.invalidate(caId, serial);
    }

    private void load(int caId) {
        long started = System.nanoTime();
        long before = highestRevision(caId);
        if (floor < 0 || before < floor) {
            floor = before;
        }
        int expected = primary.sql("select count(*) from certificate where ca_id = ? and status = 'GOOD'")
                .param(caId).query(Integer.class).single();
        SerialTable.Builder good = new SerialTable.Builder(expected);
        Map<BigInteger, CertificateState> others = new ConcurrentHashMap<>();
        BigDecimal last = BigDecimal.ZERO;
        while (true) {
            List<Row> page = primary.sql("""
                    select ca_id, serial, status, revoked_at, revocation_reason, revision from certificate
                    where ca_id = ? and serial > ? order by serial limit ?""")
                    .params(caId, last, PAGE).query((rs, n) -> row(rs)).list();
            for (Row row : page) {
                CertificateState state = row.state();
                if ("GOOD".equals(state.status()) && SerialTable.fits(state.serial())) {
                    good.add(state.serial());
                } else if (!"PENDING".equals(state.status())) {
                    others.put(state.serial(), state);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            last = new BigDecimal(page.getLast().state().serial());
        }
        loaded.put(caId, new Statuses(good.build(), others));
        log.info("Status index: CA {} loaded in {} ms, {} good and {} other certificates", caId,
                (System.nanoTime() - started) / 1_000_000, good.size(), others.size());
    }

    private long highestRevision(int caId) {
        return primary.sql("select coalesce(max(revision), 0) from certificate where ca_id = ?")
                .param(caId).query(Long.class).single();
    }

    private static Row row(ResultSet rs) throws SQLException {
        BigInteger serial = rs.getBigDecimal("serial").toBigIntegerExact();
        var revokedAt = rs.getTimestamp("revoked_at");
        int reason = rs.getInt("revocation_reason");
        Integer code = rs.wasNull() ? null : reason;
        return new Row(rs.getInt("ca_id"), new CertificateState(serial, rs.getString("status"),
                revokedAt == null ? null : revokedAt.toInstant(), code), rs.getLong("revision"));
    }
}
