package uz.eimzo.ra.requests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.registration.PersonalDataCipher;
import uz.eimzo.ra.limits.ScanLimits;

import javax.sql.DataSource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The files of a multi-scan upload while the registrar looks at them, in PostgreSQL (table {@code scan_preview}): a
 * restart or another RA node finds them as the operator left them. A batch belongs to one request and to the
 * operator who uploaded it, who alone reads it; its bytes are sealed with the personal-data key (bound to the batch
 * and the file's place in it), and it is gone once saved, once the same operator has made {@link #KEPT_PER_OPERATOR}
 * newer ones, or once expired (each upload deletes every expired row, and expired rows are never read).
 */
@Component
class ScanPreviewStore {

    /** Batches an operator keeps waiting; an upload beyond drops the oldest. */
    static final int KEPT_PER_OPERATOR = 2;

    /** One uploaded file: its name, what it claims and what its bytes are, and why it cannot be saved (null: it can). */
    record Upload(String name, String declaredType, byte[] bytes, String type, String refusal, int size) {

        boolean image() {
            return refusal == null && type.startsWith("image/");
        }

        boolean pdf() {
            return refusal == null && "application/pdf".equals(type);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final ScanLimits limits;

    ScanPreviewStore(JdbcClient jdbc, DataSource dataSource, PersonalDataCipher cipher, Clock clock, ScanLimits limits) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.cipher = cipher;
        this.clock = clock;
        this.limits = limits;
    }

    /** Keeps an upload's files for its operator and request; returns the batch's name. */
    UUID put(long operatorId, long requestId, List<Upload> uploads) {
        UUID batch = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(limits.previewTtl());
        tx.executeWithoutResult(status -> {
            jdbc.sql("delete from scan_preview where expires_at <= ?").param(Timestamp.from(now)).update();
            jdbc.sql("""
                    delete from scan_preview where operator_id = ? and batch in (
                        select batch from scan_preview where operator_id = ? group by batch
                        order by max(created_at) desc offset ?)""")
                    .params(operatorId, operatorId, KEPT_PER_OPERATOR - 1).update();
            for (int i = 0; i < uploads.size(); i++) {
                Upload u = uploads.get(i);
                byte[] sealed = u.refusal() == null ? cipher.encrypt(u.bytes(), context(batch, i)) : null;
                jdbc.sql("""
                        insert into scan_preview (batch, file_index, request_id, operator_id, file_name, declared_type,
                            content_type, refusal, size_bytes, content_enc, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(batch, i, requestId, operatorId, u.name(), u.declaredType(), u.type(), u.refusal(),
                                u.size(), sealed, Timestamp.from(now), Timestamp.from(expires))
                        .update();
            }
        });
        return batch;
    }

    /** One waiting file of the operator's own batch for this request, if it has not expired. */
    Optional<Upload> file(long operatorId, long requestId, UUID batch, int index) {
        return jdbc.sql("""
                        select file_index, file_name, declared_type, content_type, refusal, size_bytes, content_enc, batch
                        from scan_preview where batch = ? and file_index = ? and operator_id = ? and request_id = ? and expires_at > ?""")
                .params(batch, index, operatorId, requestId, Timestamp.from(clock.instant()))
                .query(this::upload).optional();
    }

    /** Takes the operator's batch for this request away (so it is saved once), with its files in order; empty if gone. */
    List<Upload> take(long operatorId, long requestId, UUID batch) {
        List<Indexed> taken = tx.execute(status -> jdbc.sql("""
                        delete from scan_preview where batch = ? and operator_id = ? and request_id = ? and expires_at > ?
                        returning file_index, file_name, declared_type, content_type, refusal, size_bytes, content_enc, batch""")
                .params(batch, operatorId, requestId, Timestamp.from(clock.instant()))
                .query((rs, row) -> indexed(rs)).list());
        return taken.stream().sorted(Comparator.comparingInt(Indexed::index)).map(Indexed::upload).toList();
    }

    private record Indexed(int index, Upload upload) {
    }

    private Indexed indexed(ResultSet rs) throws SQLException {
        int index = rs.getInt(1);
        byte[] sealed = rs.getBytes(7);
        UUID batch = rs.getObject(8, UUID.class);
        byte[] bytes = sealed == null ? new byte[0] : cipher.decrypt(sealed, context(batch, index));
        return new Indexed(index, new Upload(rs.getString(2), rs.getString(3), bytes, rs.getString(4), rs.getString(5),
                rs.getInt(6)));
    }

    private Upload upload(ResultSet rs, int row) throws SQLException {
        return indexed(rs).upload();
    }

    private static String context(UUID batch, int index) {
        return "scan-preview:" + batch + ":" + index;
    }
}
