package uz.eimzo.ca.certificates;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.x509.Certificates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads certificates: by serial, by PINFL or STIR, and those expiring soon. */
public final class CertificateRepository {

    private static final String COLUMNS = """
            ca_id, serial, status, subject_dn, not_before, not_after, profile, requester, pinfl, stir, der,
            revoked_at, revocation_reason, invalidity_date, revision""";

    private final JdbcClient jdbc;

    public CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CertificateRecord> find(int caId, BigInteger serial) {
        return jdbc.sql("select " + COLUMNS + " from certificate where ca_id = ? and serial = ?")
                .params(caId, new BigDecimal(serial)).query(CertificateRepository::map).optional();
    }

    /** The certificate with these DER bytes' SHA-256, whichever of our CAs issued it. */
    public Optional<CertificateRecord> bySha256(byte[] sha256) {
        return jdbc.sql("select " + COLUMNS + " from certificate where sha256 = ?")
                .param(sha256).query(CertificateRepository::map).optional();
    }

    public List<CertificateRecord> byPinfl(String pinfl) {
        return jdbc.sql("select " + COLUMNS + " from certificate where pinfl = ? and status <> 'PENDING' order by not_before desc")
                .param(pinfl).query(CertificateRepository::map).list();
    }

    public List<CertificateRecord> byStir(String stir) {
        return jdbc.sql("select " + COLUMNS + " from certificate where stir = ? and status <> 'PENDING' order by not_before desc")
                .param(stir).query(CertificateRepository::map).list();
    }

    /** Good certificates whose validity ends between the two instants, soonest first. */
    public List<CertificateRecord> expiringBetween(Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + " from certificate where status = 'GOOD' and not_after between ? and ? order by not_after")
                .params(Timestamp.from(from), Timestamp.from(to)).query(CertificateRepository::map).list();
    }

    static CertificateRecord map(ResultSet rs, int row) throws SQLException {
        byte[] der = rs.getBytes("der");
        int reason = rs.getInt("revocation_reason");
        boolean noReason = rs.wasNull();
        return new CertificateRecord(
                rs.getInt("ca_id"),
                rs.getBigDecimal("serial").toBigIntegerExact(),
                CertificateStatus.valueOf(rs.getString("status")),
                rs.getString("subject_dn"),
                rs.getTimestamp("not_before").toInstant(),
                rs.getTimestamp("not_after").toInstant(),
                rs.getString("profile"),
                rs.getString("requester"),
                rs.getString("pinfl"),
                rs.getString("stir"),
                der == null ? null : Certificates.parse(der),
                instant(rs.getTimestamp("revoked_at")),
                noReason ? null : RevocationReason.of(reason),
                instant(rs.getTimestamp("invalidity_date")),
                rs.getLong("revision"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
