package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.revocation.RevocationCodes;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.math.BigInteger;

/**
 * Enrollment codes: a reference and a one-time secret handed to an applicant so a standard client (CMP) can
 * enroll for an approved request. The secret is shown once; it is sealed at rest because the MAC needs it.
 */
public final class EnrollmentCodes {

    /**
     * What the applicant receives; neither the secret nor the revocation code (for a lost key of the certificate this
     * code will enroll) is shown again.
     */
    public record Code(String reference, String secret, Instant expiresAt, String revocationCode) {
    }

    /** An unused, unexpired code as the enrollment endpoint sees it. */
    public record Redeemable(String reference, long requestId, byte[] secret) {
    }


    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Registrations registrations;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EnrollmentCodes(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Registrations registrations,
                           PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.registrations = registrations;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Creates a code for a request that is approved (or needs no approval and is submitted). */
    public Code create(Actor actor, long requestId, Duration validity) {
        RequestView request = registrations.find(actor, requestId);
        if (request.status() != RequestStatus.APPROVED && request.status() != RequestStatus.SUBMITTED) {
            throw new RegistrationException("enrollment.status", "An enrollment code needs a submitted or approved request; this one is " + request.status());
        }
        if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(30)) > 0) {
            throw new RegistrationException("enrollment.validity", "An enrollment code is valid between a minute and 30 days");
        }
        String reference = "REF-" + randomText(8);
        String secret = randomText(16);
        String revocationCode = RevocationCodes.newCode();
        Instant expires = clock.instant().plus(validity);
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into enrollment_code (reference, request_id, secret_enc, expires_at, created_by, revocation_code_sha256)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(reference, requestId, cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), "enrollment:" + reference),
                            Timestamp.from(expires), actor.operatorId(), RevocationCodes.hashOf(revocationCode))
                    .update();
            audit.record(AuditEvent.success(actor.username(), "enrollment.code.create", "request:" + requestId,
                    Map.of("reference", reference, "expires", expires.toString())));
        });
        return new Code(reference, secret, expires, revocationCode);
    }

    /** The code behind a reference, if it is unused and unexpired. */
    public Optional<Redeemable> find(String reference) {
        return jdbc.sql("select request_id, secret_enc from enrollment_code where reference = ? and used_at is null and expires_at > ?")
                .params(reference, Timestamp.from(clock.instant()))
                .query((rs, n) -> new Redeemable(reference, rs.getLong(1),
                        cipher.decrypt(rs.getBytes(2), "enrollment:" + reference)))
                .optional();
    }

    /** Marks the code used; false when it was used (or expired) meanwhile, so it is good exactly once. */
    public boolean redeem(String reference) {
        return jdbc.sql("update enrollment_code set used_at = ? where reference = ? and used_at is null and expires_at > ?")
                .params(Timestamp.from(clock.instant()), reference, Timestamp.from(clock.instant())).update() == 1;
    }

    /**
     * Spends the code once its certificate was issued and delivered: the success that ends it. Unlike
     * {@link #redeem}, it does not look at the expiry, which was checked when the request came in.
     */
    public void consume(String reference) {
        jdbc.sql("update enrollment_code set used_at = ? where reference = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), reference).update();
    }

    /**
     * Counts an enrollment refused after the code's MAC verified (a key already in use, a bad proof of possession or
     * template): the applicant may fix it and retry with the same code, {@code maxAttempts} times in all, after which
     * the code is spent and the refusal audited.
     *
     * @return the attempts left, 0 when this refusal spent the code
     */
    public int recordRefusal(String reference, int maxAttempts) {
        Integer failed = tx.execute(status -> {
            Integer count = jdbc.sql("""
                            update enrollment_code set failed_attempts = failed_attempts + 1
                            where reference = ? and used_at is null returning failed_attempts""")
                    .param(reference).query(Integer.class).optional().orElse(null);
            if (count != null && count >= maxAttempts) {
                jdbc.sql("update enrollment_code set used_at = ? where reference = ?")
                        .params(Timestamp.from(clock.instant()), reference).update();
                audit.record(AuditEvent.failure("cmp:" + reference, "enrollment.code.exhausted", "enrollment:" + reference,
                        Map.of("failedAttempts", Integer.toString(count))));
            }
            return count;
        });
        return failed == null ? 0 : Math.max(0, maxAttempts - failed);
    }

    /** Gives the certificate enrolled with this code the revocation code handed out with it. */
    public void passRevocationCode(String reference, int caId, BigInteger serial) {
        jdbc.sql("select revocation_code_sha256 from enrollment_code where reference = ?").param(reference)
                .query(byte[].class).optional()
                .ifPresent(hash -> registrations.revocationCodes().assignHashed(caId, serial, hash));
    }

    /**
     * The secret of a code redeemed within {@code window}: a CMP client protects its certConf with the same MAC as
     * its request, after the code was spent on that request.
     */
    public Optional<byte[]> secretOfRedeemed(String reference, Duration window) {
        return jdbc.sql("select secret_enc from enrollment_code where reference = ? and used_at is not null and used_at > ?")
                .params(reference, Timestamp.from(clock.instant().minus(window)))
                .query((rs, n) -> cipher.decrypt(rs.getBytes(1), "enrollment:" + reference))
                .optional();
    }

    private String randomText(int length) {
        return ReadableCodes.random(random, length);
    }
}
