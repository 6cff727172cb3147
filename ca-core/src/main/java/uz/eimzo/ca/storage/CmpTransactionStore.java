package uz.eimzo.ca.storage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.issuance.IssuedCertificate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code cmp_transaction} table: one row per certificate CMP delivered, open until its certConf confirms or
 * rejects it, or until the confirmation window closes it. Closing is conditional, so a certConf and the overdue
 * job racing for one row cannot both win. What must happen together with a close (revoking a rejected certificate,
 * spending the enrollment code) is passed in and runs in the close's transaction: the RA never holds one.
 */
public final class CmpTransactionStore {

    public enum Kind { ENROLL, RENEW }

    /** A delivered certificate and who may confirm it. */
    public record Pending(byte[] transactionId, Kind kind, String reference, Integer signerCaId, BigInteger signerSerial,
                   int caId, BigInteger serial, Instant createdAt, boolean closed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public CmpTransactionStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Records a delivered certificate; {@code confirmedAt} is the time of an implicit confirmation, or null. */
    public void record(byte[] transactionId, Kind kind, String reference, CertificateRecord signer, IssuedCertificate issued,
                Instant createdAt, Instant confirmedAt) {
        jdbc.sql("""
                        insert into cmp_transaction (transaction_id, kind, reference, signer_ca_id, signer_serial, ca_id, serial,
                                                     created_at, confirmed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(transactionId, kind.name(), reference,
                        signer == null ? null : signer.caId(), signer == null ? null : new BigDecimal(signer.serial()),
                        issued.ca().id(), new BigDecimal(issued.serial()), Timestamp.from(createdAt),
                        confirmedAt == null ? null : Timestamp.from(confirmedAt))
                .update();
    }

    public Optional<Pending> find(byte[] transactionId) {
        return jdbc.sql(SELECT + " where transaction_id = ?").param(transactionId).query(CmpTransactionStore::map).optional();
    }

    /** Open transactions created before {@code before}: their certConf can no longer come. */
    public List<Pending> overdue(Instant before, int limit) {
        return jdbc.sql(SELECT + " where confirmed_at is null and rejected_at is null and confirmation_due"
                        + " and created_at < ? order by created_at limit ?")
                .params(Timestamp.from(before), limit).query(CmpTransactionStore::map).list();
    }

    /**
     * Closes an open transaction as confirmed (or rejected) and, in the same database transaction, does what goes with
     * it; false (and nothing done) when it was closed meanwhile. An exception from {@code withIt} undoes the close.
     */
    public boolean close(byte[] transactionId, boolean confirmed, Instant at, Runnable withIt) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!close(transactionId, confirmed, at)) {
                return false;
            }
            withIt.run();
            return true;
        }));
    }

    /**
     * Settles a delivered certificate in one database transaction: {@code settle} (e.g. spending the enrollment code,
     * passing on the revocation code), then closing the transaction when the client confirmed implicitly.
     */
    public void settle(byte[] transactionId, boolean implicitlyConfirmed, Instant at, Runnable settle) {
        tx.executeWithoutResult(status -> {
            settle.run();
            if (implicitlyConfirmed) {
                close(transactionId, true, at);
            }
        });
    }

    private boolean close(byte[] transactionId, boolean confirmed, Instant at) {
        return jdbc.sql("update cmp_transaction set " + (confirmed ? "confirmed_at" : "rejected_at")
                        + " = ? where transaction_id = ? and confirmed_at is null and rejected_at is null")
                .params(Timestamp.from(at), transactionId).update() == 1;
    }

    private static final String SELECT = """
            select transaction_id, kind, reference, signer_ca_id, signer_serial, ca_id, serial, created_at,
                   (confirmed_at is not null or rejected_at is not null) as closed
            from cmp_transaction""";

    private static Pending map(ResultSet rs, int row) throws SQLException {
        BigDecimal signerSerial = rs.getBigDecimal("signer_serial");
        return new Pending(rs.getBytes("transaction_id"), Kind.valueOf(rs.getString("kind")), rs.getString("reference"),
                (Integer) rs.getObject("signer_ca_id"), signerSerial == null ? null : signerSerial.toBigIntegerExact(),
                rs.getInt("ca_id"), rs.getBigDecimal("serial").toBigIntegerExact(),
                rs.getTimestamp("created_at").toInstant(), rs.getBoolean("closed"));
    }
}
