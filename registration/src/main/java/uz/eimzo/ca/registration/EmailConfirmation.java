package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditLog;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
    static final int MAX_FAILURES = ApplicationCodeStore.MAX_FAILURES;

    private final JdbcClient jdbc;
    private final ApplicationCodeStore codes;
    private final OnlineApplications applications;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EmailConfirmation(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, OnlineApplications applications,
                             Clock clock) {
        this.jdbc = jdbc;
        this.codes = new ApplicationCodeStore(jdbc, tx, audit);
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
        boolean right = codes.confirm(ApplicationCodeStore.Channel.EMAIL, tracked.reference(), code, clock.instant());
        if (!right) {
            throw new RegistrationException("application.code", "The one-time code is wrong or expired; ask for a new one");
        }
    }

    private OnlineApplications.Tracked owned(String reference, String secret) {
        return applications.track(reference, secret).orElseThrow(() -> new RegistrationException("application.secret",
                "No application with this reference and tracking secret"));
    }
}
