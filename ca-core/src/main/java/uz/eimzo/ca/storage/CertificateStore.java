package uz.eimzo.ca.storage;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.authority.CaStatus;
import uz.eimzo.ca.issuance.IssuanceStore;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.revocation.RevocationStore;
import uz.eimzo.ca.revocation.Revocations;
import uz.eimzo.ca.x509.Certificates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code certificate} table as the CA and the RA read it, and its status changes. Issuance writes the PENDING
 * row and completes it through {@code issuance.Ledger}, which alone can produce the RecordedTbs a signer accepts.
 * Statuses are bound as parameters, never written into the SQL.
 */
public final class CertificateStore implements RevocationStore, IssuanceStore {

    private static final String COLUMNS = """
            ca_id, serial, status, subject_dn, not_before, not_after, profile, requester, pinfl, stir, der,
            revoked_at, revocation_reason, invalidity_date, revision""";

    private final JdbcClient jdbc;

    public CertificateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CertificateRecord> find(int caId, BigInteger serial) {
        return jdbc.sql("select " + COLUMNS + " from certificate where ca_id = ? and serial = ?")
                .params(caId, new BigDecimal(serial)).query(CertificateStore::map).optional();
    }

    /** The issued certificate with this serial, of whichever of our CAs issued it. */
    public Optional<CertificateRecord> findIssued(BigInteger serial) {
        return jdbc.sql("select " + COLUMNS + " from certificate where serial = :serial and status <> :pending")
                .param("serial", new BigDecimal(serial)).param("pending", CertificateStatus.PENDING.name())
                .query(CertificateStore::map).optional();
    }

    /** The certificate with this DER SHA-256. */
    public Optional<CertificateRecord> bySha256(byte[] sha256) {
        return jdbc.sql("select " + COLUMNS + " from certificate where sha256 = ?").param(sha256)
                .query(CertificateStore::map).optional();
    }

    /** For each active CA, by name in creation order, how many good certificates expire in (from, to]. */
    public Map<String, Long> goodExpiringPerActiveCa(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select ca.name, coalesce(e.expiring, 0) as expiring
                from ca left join (select ca_id, count(*) as expiring from certificate
                                   where status = %s and not_after > ? and not_after <= ? group by ca_id) e
                       on e.ca_id = ca.id
                where ca.status = ? order by ca.id""".formatted(CertificateStatus.sql(CertificateStatus.GOOD)))
                .params(Timestamp.from(from), Timestamp.from(to), CaStatus.ACTIVE.name())
                .query(rs -> {
                    counts.put(rs.getString("name"), rs.getLong("expiring"));
                });
        return counts;
    }

    /** True when the certificate was issued to an organisation (it carries the company's STIR). */
    public boolean ofOrganisation(int caId, BigInteger serial) {
        return jdbc.sql("select organisation_id is not null from certificate where ca_id = ? and serial = ?")
                .params(caId, new BigDecimal(serial)).query(Boolean.class).single();
    }

    @Override
    public int countIssuedTo(String pinfl, String stir) {
        return jdbc.sql("select count(*) from certificate where (pinfl = :pinfl or stir = :stir) and status <> :pending")
                .param("pinfl", pinfl).param("stir", stir).param("pending", CertificateStatus.PENDING.name())
                .query(Integer.class).single();
    }

    @Override
    public RegistrationIds registrationIds(int caId, BigInteger serial) {
        return jdbc.sql("select applicant_id, organisation_id, request_id from certificate where ca_id = ? and serial = ?")
                .params(caId, new BigDecimal(serial))
                .query((rs, row) -> new RegistrationIds((Long) rs.getObject("applicant_id"),
                        (Long) rs.getObject("organisation_id"), (Long) rs.getObject("request_id"))).single();
    }

    @Override
    public Optional<CertificateRecord> lockIssued(int caId, BigInteger serial) {
        return jdbc.sql("select " + COLUMNS + " from certificate where ca_id = :ca and serial = :serial and status <> :pending for update")
                .param("ca", caId).param("serial", new BigDecimal(serial)).param("pending", CertificateStatus.PENDING.name())
                .query(CertificateStore::map).optional();
    }

    @Override
    public void changeStatus(int caId, BigInteger serial, CertificateStatus status, Instant revokedAt,
                             RevocationReason reason, Instant invalidityDate) {
        jdbc.sql("""
                update certificate set status = ?, revoked_at = ?, revocation_reason = ?, invalidity_date = ?,
                    revision = nextval('certificate_revision')
                where ca_id = ? and serial = ?""")
                .params(status.name(), revokedAt == null ? null : Timestamp.from(revokedAt),
                        reason == null ? null : reason.code(),
                        invalidityDate == null ? null : Timestamp.from(invalidityDate), caId, new BigDecimal(serial))
                .update();
        jdbc.sql("select pg_notify(?, ?)").params(Revocations.CHANNEL, caId + ":" + serial.toString(16)).query().singleValue();
    }

    @Override
    public void setRevocationCode(int caId, BigInteger serial, byte[] codeSha256) {
        jdbc.sql("update certificate set revocation_code_sha256 = ? where ca_id = ? and serial = ?")
                .params(codeSha256, caId, new BigDecimal(serial)).update();
    }

    @Override
    public void carryOverRevocationCode(int fromCaId, BigInteger fromSerial, int toCaId, BigInteger toSerial) {
        jdbc.sql("""
                        update certificate set revocation_code_sha256 =
                            (select revocation_code_sha256 from certificate where ca_id = ? and serial = ?)
                        where ca_id = ? and serial = ? and revocation_code_sha256 is null""")
                .params(fromCaId, new BigDecimal(fromSerial), toCaId, new BigDecimal(toSerial)).update();
    }

    @Override
    public List<CodeHolder> revocationCodes(BigInteger serial) {
        return jdbc.sql("select ca_id, revocation_code_sha256 from certificate where serial = ?")
                .param(new BigDecimal(serial))
                .query((rs, n) -> new CodeHolder(rs.getInt("ca_id"), rs.getBytes("revocation_code_sha256"))).list();
    }

    /** Maps a row holding {@link #COLUMNS}. */
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
