package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The applicant's e-mail address confirmed by a one-time code mailed when they apply: the address the reference, the
 * status notices and the collection codes go to is theirs before a remote identity check may start. The code is kept
 * as a SHA-256, is good for a day, at most one is sent a minute, and five wrong tries spend it.
 */
public final class EmailConfirmation {

    /** A code to mail; the code itself only travels by e-mail. */
    public record Code(String reference, String email, String language, String code) {
    }

    static final Duration LIFETIME = Duration.ofHours(24);
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final int MAX_FAILURES = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final OnlineApplications applications;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EmailConfirmation(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, OnlineApplications applications,
                             Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.applications = applications;
        this.clock = clock;
    }

    /** A fresh code for an application whose address is not confirmed yet; the caller mails it. */
    public Code issue(String reference, String secret) {
        OnlineApplications.Tracked tracked = owned(reference, secret);
        if (tracked.emailConfirmed()) {
            throw new RegistrationException("application.emailConfirmed", "The e-mail address is already confirmed");
        }
        Instant now = clock.instant();
        String code = String.format("%04d-%04d", random.nextInt(10000), random.nextInt(10000));
        Instant expires = now.plus(LIFETIME);
        record Row(String email, String language) {
        }
        Row row = jdbc.sql("""
                        update online_application set email_code_sha256 = ?, email_code_expires_at = ?, email_code_failures = 0
                        where reference = ? and email_confirmed_at is null
                          and (email_code_expires_at is null or email_code_expires_at < ?)
                        returning email, language""")
                .params(OnlineApplications.sha256(code), Timestamp.from(expires), tracked.reference(),
                        Timestamp.from(expires.minus(INTERVAL)))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new RegistrationException("application.codeTooSoon",
                        "A code was sent less than a minute ago; wait for it or try again shortly"));
        return new Code(tracked.reference(), row.email(), row.language(), code);
    }

    /** Confirms the address when the code is the one mailed; a wrong code counts against it. */
    public void confirm(String reference, String secret, String code) {
        OnlineApplications.Tracked tracked = owned(reference, secret);
        byte[] presented = OnlineApplications.sha256(code == null ? "" : code.strip());
        Instant now = clock.instant();
        boolean right = Boolean.TRUE.equals(tx.execute(status -> {
            record Row(long id, byte[] hash, Timestamp expires, int failures) {
            }
            Row row = jdbc.sql("""
                            select id, email_code_sha256, email_code_expires_at, email_code_failures
                            from online_application where reference = ? for update""")
                    .param(tracked.reference())
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3), rs.getInt(4))).single();
            if (row.hash() != null && row.expires().toInstant().isAfter(now) && MessageDigest.isEqual(row.hash(), presented)) {
                jdbc.sql("""
                                update online_application set email_confirmed_at = ?, email_code_sha256 = null
                                where id = ?""").params(Timestamp.from(now), row.id()).update();
                audit.record(AuditEvent.success("online:" + tracked.reference(), "application.email.confirmed",
                        "application:" + row.id(), Map.of()));
                return true;
            }
            if (row.hash() != null) {
                int failures = row.failures() + 1;
                jdbc.sql("""
                                update online_application set email_code_failures = ?,
                                    email_code_sha256 = case when ? then null else email_code_sha256 end where id = ?""")
                        .params(failures, failures >= MAX_FAILURES, row.id()).update();
            }
            return false;
        }));
        if (!right) {
            throw new RegistrationException("application.code", "The one-time code is wrong or expired; ask for a new one");
        }
    }

    private OnlineApplications.Tracked owned(String reference, String secret) {
        return applications.track(reference, secret).orElseThrow(() -> new RegistrationException("application.secret",
                "No application with this reference and tracking secret"));
    }
}
