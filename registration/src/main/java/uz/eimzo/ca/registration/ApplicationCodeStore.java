package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/**
 * Checks a one-time code an applicant typed against the one kept for their application, for the e-mail address and the
 * phone alike: under the row's lock, the right unexpired code confirms the channel and is spent, and every wrong try
 * counts, the {@value #MAX_FAILURES}th spending the code.
 */
final class ApplicationCodeStore {

    static final int MAX_FAILURES = 5;

    /** Where a code was sent; its columns on {@code online_application} share the channel's prefix. */
    enum Channel {
        EMAIL("email"), PHONE("phone");

        private final String column;

        Channel(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    ApplicationCodeStore(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    /** Whether {@code code} was the application's code for the channel; if it was, the channel is confirmed now. */
    boolean confirm(Channel channel, String reference, String code, Instant now) {
        byte[] presented = OnlineApplications.sha256(code == null ? "" : code.strip());
        String c = channel.column;
        return Boolean.TRUE.equals(tx.execute(status -> {
            record Row(long id, byte[] hash, Timestamp expires, int failures) {
            }
            Row row = jdbc.sql("select id, %1$s_code_sha256, %1$s_code_expires_at, %1$s_code_failures from online_application where reference = ? for update"
                            .formatted(c))
                    .param(reference)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3), rs.getInt(4))).single();
            if (row.hash() != null && row.expires().toInstant().isAfter(now) && MessageDigest.isEqual(row.hash(), presented)) {
                jdbc.sql("update online_application set %1$s_confirmed_at = ?, %1$s_code_sha256 = null where id = ?".formatted(c))
                        .params(Timestamp.from(now), row.id()).update();
                audit.record(AuditEvent.success("online:" + reference, "application." + c + ".confirmed",
                        "application:" + row.id(), Map.of()));
                return true;
            }
            if (row.hash() != null) {
                int failures = row.failures() + 1;
                jdbc.sql("""
                                update online_application set %1$s_code_failures = ?,
                                    %1$s_code_sha256 = case when ? then null else %1$s_code_sha256 end where id = ?""".formatted(c))
                        .params(failures, failures >= MAX_FAILURES, row.id()).update();
            }
            return false;
        }));
    }
}
