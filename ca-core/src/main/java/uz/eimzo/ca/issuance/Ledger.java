package uz.eimzo.ca.issuance;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.signing.RecordedTbs;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CertificateContent;
import uz.eimzo.ca.x509.LintedTbs;
import uz.eimzo.ca.x509.Names;

import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static uz.eimzo.ca.revocation.CertificateStatus.GOOD;
import static uz.eimzo.ca.revocation.CertificateStatus.HOLD;
import static uz.eimzo.ca.revocation.CertificateStatus.PENDING;

/**
 * Writes the certificate table: the PENDING row before signing, the certificate after. Public only so that the
 * wiring can make one for the {@link Issuer}; everything it does stays package-private to issuance.
 */
public final class Ledger {

    /** What the certificate row records besides the certificate itself. */
    record Entry(String profile, String requester, String pinfl, String stir, RegistrationIds links) {
    }

    private final JdbcClient jdbc;

    public Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How long a PENDING row holds its key. A row is PENDING for milliseconds while its node signs; one older than
     * this was left by a node that died before storing the certificate, which therefore never left that node.
     */
    static final Duration PENDING_HOLDS_KEY = Duration.ofMinutes(5);

    /** Refuses a public key that already backs a live certificate; serialised per key so two requests cannot race. */
    void requireUnusedKey(byte[] publicKeySha256, Instant now) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(HexFormat.of().formatHex(publicKeySha256))
                .query().singleValue();
        jdbc.sql("""
                select serial from certificate
                where public_key_sha256 = ? and status in (?, ?, ?) and not_after > ?
                    and (status <> ? or not_before > ?)
                limit 1""")
                .params(publicKeySha256, PENDING.name(), GOOD.name(), HOLD.name(), Timestamp.from(now), PENDING.name(),
                        Timestamp.from(now.minus(PENDING_HOLDS_KEY)))
                .query(BigDecimal.class).optional().ifPresent(serial -> {
                    throw new IssuanceException("key.reused",
                            "This public key already backs a live certificate (serial " + serial.toBigInteger().toString(16)
                                    + "); generate a new key");
                });
    }

    /** Inserts the PENDING row; a serial collision surfaces as DuplicateKeyException for the caller to retry. */
    void record(CertificateAuthority ca, LintedTbs linted, Entry entry) {
        CertificateContent c = linted.tbs().content();
        RegistrationIds links = entry.links();
        jdbc.sql("""
                insert into certificate (ca_id, serial, status, subject_dn, not_before, not_after, profile, requester,
                    applicant_id, organisation_id, request_id, pinfl, stir, public_key_sha256, tbs)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ca.id(), new BigDecimal(c.serial()), PENDING.name(), Names.display(c.subject()), Timestamp.from(c.notBefore()),
                        Timestamp.from(c.notAfter()), entry.profile(), entry.requester(), links.applicantId(),
                        links.organisationId(), links.requestId(), entry.pinfl(), entry.stir(),
                        Certificates.sha256(c.publicKey().getEncoded()), linted.tbs().encoded())
                .update();
    }

    void complete(RecordedTbs recorded, X509Certificate certificate, Instant now) {
        byte[] der = Certificates.der(certificate);
        int updated = jdbc.sql("""
                update certificate set status = ?, der = ?, sha256 = ?, issued_at = ?,
                    revision = nextval('certificate_revision')
                where ca_id = ? and serial = ? and status = ?""")
                .params(GOOD.name(), der, Certificates.sha256(der), Timestamp.from(now), recorded.ca().id(),
                        new BigDecimal(certificate.getSerialNumber()), PENDING.name())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Pending certificate row vanished before it could be completed");
        }
    }
}
