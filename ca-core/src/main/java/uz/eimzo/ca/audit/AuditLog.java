package uz.eimzo.ca.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The append-only audit log in PostgreSQL. Each row carries the SHA-256 of the previous row's hash and
 * its own content, so a deleted, reordered or edited row breaks the chain.
 * Call {@link #record} inside the transaction whose decision it documents.
 */
public final class AuditLog {

    /** Serialises appends so the chain has one order; held only until the caller's transaction ends. */
    private static final long CHAIN_LOCK = 0x45494D5A4F41L;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    /** A log that records only inside its callers' transactions ({@link #recordAlone} is refused). */
    public AuditLog(JdbcClient jdbc, Clock clock) {
        this(jdbc, null, clock);
    }

    /** @param tx opens the transaction of an event that documents no other change ({@link #recordAlone}) */
    public AuditLog(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The logging-context (MDC) key of the id of the HTTP request being served. The web applications put a
     * validated id there; an event recorded while it is set carries it as detail {@value}, so an audit row can be
     * matched with the request's log lines. It is an ordinary detail, covered by the hash chain like any other.
     */
    public static final String REQUEST_ID = "requestId";

    private final List<LongConsumer> appended = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with the id of every row this log appends from now on, once the transaction that
     * recorded it has committed (at once outside a transaction); e.g. to sign a checkpoint every N rows.
     */
    public void onAppended(LongConsumer listener) {
        appended.add(listener);
    }

    /**
     * Records an event that goes with no other change (a sign-in, a refused request) in a transaction of its own,
     * which holds the chain lock until the row is in.
     */
    public void recordAlone(AuditEvent event) {
        if (tx == null) {
            throw new IllegalStateException("This audit log records only inside its callers' transactions");
        }
        tx.executeWithoutResult(status -> record(event));
    }

    public void record(AuditEvent event) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String details = json(withRequestId(event.details()));
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleValue();
        byte[] previous = jdbc.sql("select hash from audit_event order by id desc limit 1")
                .query(byte[].class).optional().orElse(new byte[32]);
        byte[] hash = chain(previous, at, event.actor(), event.action(), event.success(), event.target(), details);
        long id = jdbc.sql("""
                insert into audit_event (at, actor, action, outcome, target, details, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
                .params(Timestamp.from(at), event.actor(), event.action(), event.success() ? "SUCCESS" : "FAILURE",
                        event.target(), details, previous, hash)
                .query(Long.class).single();
        if (!appended.isEmpty()) {
            afterCommit(() -> appended.forEach(listener -> listener.accept(id)));
        }
    }

    private static void afterCommit(Runnable action) {
        Runnable safely = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                // The event is recorded; a listener's trouble must not reach the caller.
                LoggerFactory.getLogger(AuditLog.class).warn("Audit listener failed: {}", e.toString());
            }
        };
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            safely.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                safely.run();
            }
        });
    }

    private static Map<String, String> withRequestId(Map<String, String> details) {
        String requestId = MDC.get(REQUEST_ID);
        if (requestId == null || details.containsKey(REQUEST_ID)) {
            return details;
        }
        Map<String, String> all = new TreeMap<>(details);
        all.put(REQUEST_ID, requestId);
        return all;
    }

    static byte[] chain(byte[] previous, Instant at, String actor, String action, boolean success, String target,
                        String details) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            String canonical = at.toString() + '\u0000' + actor + '\u0000' + action + '\u0000' + success + '\u0000'
                    + (target == null ? "" : target) + '\u0000' + details;
            return sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object with sorted keys: the same details always hash the same. */
    static String json(Map<String, String> details) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(details).forEach((k, v) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(k)).append(':').append(quote(v));
        });
        return out.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** One row as the auditor's page shows it. */
    public record Entry(long id, Instant at, String actor, String action, String outcome, String target, String details) {
    }

    /** The newest rows, each filter ignored when empty; {@code actions} are alternatives (any of them matches). */
    public List<Entry> recent(String actor, List<String> actions, String target, int limit) {
        String[] any = actions.stream().filter(a -> !a.isEmpty()).toArray(String[]::new);
        return jdbc.sql("""
                select id, at, actor, action, outcome, target, details::text from audit_event
                where (? = '' or actor = ?) and (cardinality(?) = 0 or action = any(?)) and (? = '' or target = ?)
                order by id desc limit ?""")
                .params(actor, actor, any, any, target, target, limit)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
