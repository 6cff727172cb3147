package uz.eimzo.tsa.verification;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Reads table {@code certificate}: what our CAs issued and its status, the same records OCSP answers from. */
public final class CertificateRecordStore {

    /** One certificate's row: status, DER, revocation time, invalidity date and reason code. */
    record Row(String status, byte[] der, Instant revokedAt, Instant invalidityDate, Integer reason) {
    }

    private final JdbcClient jdbc;

    public CertificateRecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(int caId, BigInteger serial) {
        return jdbc.sql("""
                        select status, der, revoked_at, invalidity_date, revocation_reason from certificate
                        where ca_id = ? and serial = ?""")
                .params(caId, new BigDecimal(serial))
                .query((rs, n) -> new Row(rs.getString("status"), rs.getBytes("der"), instant(rs.getTimestamp("revoked_at")),
                        instant(rs.getTimestamp("invalidity_date")), rs.getObject("revocation_reason", Integer.class)))
                .optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
