package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.issuance.ExternalRenewals;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.x509.DnAttribute;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applicant records of holders who migrated from a recognised external CA by renewing through self-service
 * ({@code applicant.registered_by = 'EXTERNAL_RENEWAL'}, Flyway V29): name, PINFL (birth date and sex read from it),
 * region and district from the certificate they presented, and the e-mail address they gave for expiry reminders. No
 * centre saw their identity document, so it is empty; their first visit to a centre fills it in as a confirmed change
 * of identity. A person already registered here keeps the record the centre made, untouched.
 */
public final class ExternalHolderStore {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public ExternalHolderStore(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** What self-service gives the external renewal: records the holder, with {@code email} (may be null). */
    public ExternalRenewals.HolderRecords recorder(String email, String requester) {
        return (pinfl, subject) -> new RegistrationIds(applicant(new Pinfl(pinfl), subject, email, requester), null, null);
    }

    /** The applicant id of the holder with this PINFL, recording one from the certificate's subject if there is none. */
    long applicant(Pinfl pinfl, List<DnAttribute> subject, String email, String requester) {
        String surname = first(subject, DnAttribute.SURNAME).or(() -> first(subject, DnAttribute.CN)).orElse(pinfl.value());
        String givenName = first(subject, DnAttribute.NAME).or(() -> first(subject, DnAttribute.GIVEN_NAME)).orElse("");
        Long inserted = jdbc.sql("""
                        insert into applicant (pinfl, surname, given_name, birth_date, sex, region, district, email, registered_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'EXTERNAL_RENEWAL')
                        on conflict (pinfl) do nothing returning id""")
                .params(pinfl.value(), surname, givenName, pinfl.birthDate(), String.valueOf(pinfl.sex()),
                        first(subject, DnAttribute.ST).orElse(null), first(subject, DnAttribute.L).orElse(null),
                        email == null || email.isBlank() ? null : email.strip())
                .query(Long.class).optional().orElse(null);
        if (inserted == null) {
            return jdbc.sql("select id from applicant where pinfl = ?").param(pinfl.value()).query(Long.class).single();
        }
        audit.recordAlone(AuditEvent.success(requester, "applicant.externalHolder", "applicant:" + inserted,
                Map.of("pinfl", pinfl.masked(), "email", email == null || email.isBlank() ? "none" : "given")));
        return inserted;
    }

    private static Optional<String> first(List<DnAttribute> subject, String oid) {
        return subject.stream().filter(a -> a.oid().equals(oid)).map(DnAttribute::value)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
