package uz.eimzo.ca.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the audit chain from the first row and reports the first broken link: a row whose stored hash does
 * not match its content (edited), or whose previous-hash does not match the row before it (deleted or
 * reordered rows). With the signed checkpoints' findings it names the first row either reveals: an edit whose hash
 * chain was recomputed after it keeps the chain whole, but not the hashes the checkpoints signed.
 */
public final class AuditVerification {

    /** The outcome: how many rows held, and the first row that did not (null when the whole chain holds). */
    public record Result(long rowsChecked, Long firstBrokenId, String problem) {
        public boolean intact() {
            return firstBrokenId == null;
        }
    }

    private final JdbcClient jdbc;

    public AuditVerification(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The first broken row the chain walk or the checkpoints name, whichever comes first in the log; a checkpoint
     * whose own signature fails names no row and is reported by {@code checkpoints} alone.
     */
    public Result verify(CheckpointFinding checkpoints) {
        Result chain = verify();
        Long row = checkpoints.firstBrokenEventId();
        if (row == null || (!chain.intact() && chain.firstBrokenId() <= row)) {
            return chain;
        }
        long before = jdbc.sql("select count(*) from audit_event where id < ?").param(row).query(Long.class).single();
        return new Result(before, row, checkpoints.problem());
    }

    public Result verify() {
        long[] checked = {0};
        byte[][] previous = {new byte[32]};
        Result[] broken = {null};
        jdbc.sql("""
                select e.id, e.at, e.actor, e.action, e.outcome, e.target, e.prev_hash, e.hash,
                       (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(e.details) k) as keys,
                       e.details::text as details
                from audit_event e order by e.id""")
                .query((ResultSet rs) -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long id = rs.getLong("id");
                    byte[] prev = rs.getBytes("prev_hash");
                    byte[] hash = rs.getBytes("hash");
                    Map<String, String> details = details(rs);
                    byte[] expected = AuditLog.chain(prev == null ? new byte[32] : prev, rs.getTimestamp("at").toInstant(),
                            rs.getString("actor"), rs.getString("action"), "SUCCESS".equals(rs.getString("outcome")),
                            rs.getString("target"), AuditLog.json(details));
                    if (prev == null || !MessageDigest.isEqual(prev, previous[0])) {
                        broken[0] = new Result(checked[0], id, "does not follow the row before it (a row was deleted or reordered)");
                    } else if (!MessageDigest.isEqual(hash, expected)) {
                        broken[0] = new Result(checked[0], id, "its content does not match its hash (the row was edited)");
                    } else {
                        previous[0] = hash;
                        checked[0]++;
                    }
                });
        return broken[0] != null ? broken[0] : new Result(checked[0], null, null);
    }

    private Map<String, String> details(ResultSet rs) throws SQLException {
        String[] keys = (String[]) rs.getArray("keys").getArray();
        Map<String, String> values = new TreeMap<>();
        if (keys.length > 0) {
            // jsonb re-orders keys, so the values are read back by key rather than parsed from the text.
            long id = rs.getLong("id");
            jdbc.sql("select key, value from audit_event, jsonb_each_text(details) where id = ?").param(id)
                    .query((ResultSet row) -> {
                        values.put(row.getString(1), row.getString(2));
                    });
        }
        return values;
    }
}
