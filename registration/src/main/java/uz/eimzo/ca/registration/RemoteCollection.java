package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.revocation.RevocationCodes;
import uz.eimzo.ca.x509.CertificationRequests;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;

/**
 * The applicant collects the certificate of an online application without a visit: the tracking secret proves the
 * application is theirs, a one-time code mailed to the address they applied with proves the mailbox; then the
 * approved request is issued for the key of their PKCS#10 request (made on their token or in their browser), the way
 * an enrollment code lets a CMP client enrol ({@link Registrations#issueEnrolled}). A certificate already issued (by a
 * registrar, for a CSR handed in at the centre) is handed out the same way. The code is good once, for a short time,
 * and a few wrong tries spend it; neither code nor secret is logged or audited.
 */
public final class RemoteCollection {

    /** A mailed code: where it goes and in which language; the code itself only travels by e-mail. */
    public record Code(String reference, String email, String phone, String language, String code, Instant expiresAt) {
    }

    /** The collected certificate (DER), and the revocation code when it was issued just now (shown once). */
    public record Collected(byte[] certificate, int caId, BigInteger serial, String revocationCode) {
    }

    static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    /** A new code no sooner than this after the last, so the form cannot be used to flood a mailbox. */
    static final Duration CODE_INTERVAL = Duration.ofSeconds(60);
    static final int MAX_FAILURES = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Registrations registrations;
    private final OnlineApplications applications;
    private final RevocationCodes revocationCodes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RemoteCollection(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Registrations registrations,
                            OnlineApplications applications, RevocationCodes revocationCodes, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.registrations = registrations;
        this.applications = applications;
        this.revocationCodes = revocationCodes;
        this.clock = clock;
    }

    /** A fresh one-time code for an application whose certificate may be collected now; the caller mails it. */
    public Code newCode(String reference, String secret) {
        OnlineApplications.Tracked tracked = owned(reference, secret);
        requireCollectable(tracked);
        Instant now = clock.instant();
        String code = digits(4) + "-" + digits(4);
        Instant expires = now.plus(CODE_LIFETIME);
        return tx.execute(status -> {
            record Row(long id, String email, String phone, String language) {
            }
            Row row = jdbc.sql("""
                            update online_application set code_sha256 = ?, code_expires_at = ?, code_sent_at = ?, code_failures = 0
                            where reference = ? and (code_sent_at is null or code_sent_at < ?)
                            returning id, email, phone, language""")
                    .params(OnlineApplications.sha256(code), Timestamp.from(expires), Timestamp.from(now), tracked.reference(),
                            Timestamp.from(now.minus(CODE_INTERVAL)))
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional()
                    .orElseThrow(() -> new RegistrationException("application.codeTooSoon",
                            "A code was sent less than a minute ago; wait for it or try again shortly"));
            audit.record(AuditEvent.success("online:" + tracked.reference(), "application.code.sent",
                    "application:" + row.id(), Map.of("expires", expires.toString())));
            return new Code(tracked.reference(), row.email(), row.phone(), row.language(), code, expires);
        });
    }

    /**
     * Checks the code and hands out the certificate: issued now for the CSR's key when the request is ready, or the one
     * issued before. A wrong code counts against the code; a refused CSR leaves the code for a corrected retry.
     */
    public Collected collect(String reference, String secret, String code, byte[] csr) {
        OnlineApplications.Tracked tracked = owned(reference, secret);
        requireCollectable(tracked);
        spendIfRight(tracked.reference(), code);
        if (tracked.stage() == OnlineApplications.Stage.ISSUED) {
            byte[] der = jdbc.sql("select der from certificate where ca_id = ? and serial = ?")
                    .params(tracked.issuedCaId(), new BigDecimal(tracked.issuedSerial())).query(byte[].class).single();
            consume(tracked.reference());
            return new Collected(der, tracked.issuedCaId(), tracked.issuedSerial(), null);
        }
        if (tracked.keyOption() == KeyOption.SERVER_KEY) {
            throw new RegistrationException("application.atCentre",
                    "This application chose a key made at the centre: collect it there");
        }
        var parsed = CertificationRequests.parse(csr);
        IssuedCertificate issued = registrations.issueEnrolled(tracked.requestId(), parsed.publicKey(),
                "online:" + tracked.reference());
        String revocationCode = revocationCodes.assign(issued.ca().id(), issued.serial());
        consume(tracked.reference());
        audit.record(AuditEvent.success("online:" + tracked.reference(), "application.collect",
                "request:" + tracked.requestId(), Map.of("serial", issued.serial().toString(16))));
        try {
            return new Collected(issued.certificate().getEncoded(), issued.ca().id(), issued.serial(), revocationCode);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the tracking page offers collection: issued, or ready for issuance with the applicant's own key. */
    public boolean collectable(OnlineApplications.Tracked tracked) {
        try {
            requireCollectable(tracked);
            return tracked.stage() == OnlineApplications.Stage.ISSUED || tracked.keyOption() != KeyOption.SERVER_KEY;
        } catch (RegistrationException notYet) {
            return false;
        }
    }

    private OnlineApplications.Tracked owned(String reference, String secret) {
        return applications.track(reference, secret).orElseThrow(() -> new RegistrationException("application.secret",
                "No application with this reference and tracking secret"));
    }

    private void requireCollectable(OnlineApplications.Tracked tracked) {
        if (tracked.stage() == OnlineApplications.Stage.ISSUED) {
            return;
        }
        if (tracked.requestId() == null || tracked.stage() == OnlineApplications.Stage.REFUSED) {
            throw new RegistrationException("application.notReady", "The certificate of this application cannot be collected yet");
        }
        try {
            registrations.enrollable(tracked.requestId());
        } catch (RegistrationException notYet) {
            throw new RegistrationException("application.notReady", "The certificate of this application cannot be collected yet");
        }
    }

    private void spendIfRight(String reference, String code) {
        Instant now = clock.instant();
        byte[] presented = OnlineApplications.sha256(code == null ? "" : code.strip());
        boolean right = Boolean.TRUE.equals(tx.execute(status -> {
            record Row(long id, byte[] hash, Timestamp expires, int failures) {
            }
            Row row = jdbc.sql("select id, code_sha256, code_expires_at, code_failures from online_application where reference = ? for update")
                    .param(reference).query((rs, n) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3), rs.getInt(4)))
                    .single();
            if (row.hash() != null && row.expires().toInstant().isAfter(now) && MessageDigest.isEqual(row.hash(), presented)) {
                return true;
            }
            if (row.hash() != null) {
                int failures = row.failures() + 1;
                jdbc.sql("""
                                update online_application set code_failures = ?,
                                    code_sha256 = case when ? then null else code_sha256 end where id = ?""")
                        .params(failures, failures >= MAX_FAILURES, row.id()).update();
                audit.record(AuditEvent.failure("online:" + reference, "application.code.wrong", "application:" + row.id(),
                        Map.of("failures", Integer.toString(failures))));
            }
            return false;
        }));
        if (!right) {
            throw new RegistrationException("application.code", "The one-time code is wrong or expired; ask for a new one");
        }
    }

    private void consume(String reference) {
        jdbc.sql("update online_application set code_sha256 = null, code_expires_at = null where reference = ?")
                .param(reference).update();
    }

    private String digits(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }
}
