package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The applicant's phone confirmed by a one-time code sent by SMS, when the RA has an SMS provider: the number the
 * notices and collection codes are texted to is the applicant's before a remote identity check may start. Like the
 * e-mail code the code is kept as a SHA-256 and five wrong tries spend it; it is good for {@link #LIFETIME} (a text
 * arrives at once), at most one is sent a minute per application, and at most {@link Limits#perPhone()} per number and
 * {@link Limits#perClient()} per client address within {@link Limits#window()}, so the form cannot be used to flood a
 * stranger's phone. The code travels only in the SMS: it is never logged, audited or shown.
 */
public final class PhoneConfirmation {

    /** A code to text; the code itself only travels by SMS. */
    public record Code(String reference, String phone, String language, String code) {
    }

    /** How many codes one number and one client address may be sent within the window. */
    public record Limits(int perPhone, int perClient, Duration window) {
    }

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final int MAX_FAILURES = ApplicationCodeStore.MAX_FAILURES;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ApplicationCodeStore codes;
    private final OnlineApplications applications;
    private final Limits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PhoneConfirmation(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, OnlineApplications applications,
                             Limits limits, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.codes = new ApplicationCodeStore(jdbc, tx, audit);
        this.applications = applications;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * A fresh code for an application whose phone is not confirmed yet, counted against the number and the client
     * ({@code client}: the SHA-256 of its address); the caller texts it.
     */
    public Code issue(String reference, String secret, byte[] client) {
        OnlineApplications.Tracked tracked = owned(reference, secret);
        if (tracked.phoneConfirmed()) {
            throw new RegistrationException("application.phoneConfirmed", "The phone number is already confirmed");
        }
        Instant now = clock.instant();
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant expires = now.plus(LIFETIME);
        record Row(String phone, String language) {
        }
        // Null: over a limit, named in `over` (audited outside the transaction, which writes nothing else).
        String[] over = new String[1];
        Code issued = tx.execute(status -> {
            Row row = jdbc.sql("""
                            select phone, language from online_application
                            where reference = ? and phone_confirmed_at is null
                              and (phone_code_expires_at is null or phone_code_expires_at < ?)
                            for update""")
                    .params(tracked.reference(), Timestamp.from(expires.minus(INTERVAL)))
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
                    .orElseThrow(() -> new RegistrationException("application.codeTooSoon",
                            "A code was sent less than a minute ago; wait for it or try again shortly"));
            record Sent(int byPhone, int byClient) {
            }
            Sent sent = jdbc.sql("""
                            select count(*) filter (where phone = ?), count(*) filter (where client_sha256 = ?)
                            from phone_code_sent where sent_at > ? and (phone = ? or client_sha256 = ?)""")
                    .params(row.phone(), client, Timestamp.from(now.minus(limits.window())), row.phone(), client)
                    .query((rs, n) -> new Sent(rs.getInt(1), rs.getInt(2))).single();
            if (sent.byPhone() >= limits.perPhone() || sent.byClient() >= limits.perClient()) {
                over[0] = sent.byPhone() >= limits.perPhone() ? "phone" : "client";
                return null;
            }
            jdbc.sql("""
                            update online_application set phone_code_sha256 = ?, phone_code_expires_at = ?, phone_code_failures = 0
                            where reference = ?""")
                    .params(OnlineApplications.sha256(code), Timestamp.from(expires), tracked.reference()).update();
            jdbc.sql("insert into phone_code_sent (phone, client_sha256, sent_at) values (?, ?, ?)")
                    .params(row.phone(), client, Timestamp.from(now)).update();
            return new Code(tracked.reference(), row.phone(), row.language(), code);
        });
        if (issued == null) {
            tx.executeWithoutResult(status -> audit.record(AuditEvent.failure("online:" + tracked.reference(),
                    "application.phone.code", "application:" + tracked.reference(), Map.of("limit", over[0]))));
            throw new RegistrationException("application.phoneCodeLimit",
                    "Too many codes were sent to this number or from this address; try again later");
        }
        return issued;
    }

    /** Confirms the phone when the code is the one texted; a wrong code counts against it. */
    public void confirm(String reference, String secret, String code) {
        OnlineApplications.Tracked tracked = owned(reference, secret);
        boolean right = codes.confirm(ApplicationCodeStore.Channel.PHONE, tracked.reference(), code, clock.instant());
        if (!right) {
            throw new RegistrationException("application.code", "The one-time code is wrong or expired; ask for a new one");
        }
    }

    private OnlineApplications.Tracked owned(String reference, String secret) {
        return applications.track(reference, secret).orElseThrow(() -> new RegistrationException("application.secret",
                "No application with this reference and tracking secret"));
    }
}
