package uz.eimzo.ca.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What someone who bypasses the application (the database owner, with the append-only trigger disabled) can do to
 * the audit log: change a row and recompute its hash, and the hash chain after it, so the chain walk alone finds
 * nothing wrong.
 */
public final class AuditTampering {

    private AuditTampering() {
    }

    /** Sets row {@code id}'s actor and recomputes the hashes (and links) of rows {@code id} through {@code through}. */
    public static void rewrite(JdbcClient jdbc, long id, String actor, long through) {
        jdbc.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            jdbc.sql("update audit_event set actor = ? where id = ?").params(actor, id).update();
            byte[] previous = jdbc.sql("select hash from audit_event where id < ? order by id desc limit 1").param(id)
                    .query(byte[].class).optional().orElse(new byte[32]);
            for (long row : jdbc.sql("select id from audit_event where id between ? and ? order by id").params(id, through)
                    .query(Long.class).list()) {
                var e = jdbc.sql("select at, actor, action, outcome, target, details::text from audit_event where id = ?")
                        .param(row).query((rs, n) -> new Object[]{rs.getTimestamp(1).toInstant(), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5)}).single();
                Map<String, String> details = new TreeMap<>();
                jdbc.sql("select key, value from audit_event, jsonb_each_text(details) where id = ?").param(row)
                        .query((java.sql.ResultSet rs) -> {
                            details.put(rs.getString(1), rs.getString(2));
                        });
                byte[] hash = AuditLog.chain(previous, (Instant) e[0], (String) e[1], (String) e[2],
                        "SUCCESS".equals(e[3]), (String) e[4], AuditLog.json(details));
                jdbc.sql("update audit_event set prev_hash = ?, hash = ? where id = ?").params(previous, hash, row).update();
                previous = hash;
            }
        } finally {
            jdbc.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
    }
}
