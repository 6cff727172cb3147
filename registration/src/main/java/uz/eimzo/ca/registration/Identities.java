package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.Subject;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shared registry of persons (by PINFL) and organisations (by STIR). National identifiers are shared by every
 * centre, so any centre finds the person another centre registered; a registration whose data differ from the stored
 * version needs the operator's confirmation and then makes a NEW version, used by new requests only: existing requests
 * of every centre keep the identity fixed in their snapshots. Each new version is audited with the operator, the
 * centre and every changed field's value before and after (passport numbers masked). Callers hold the transaction.
 */
final class Identities {

    /** The version of a person or organisation a request was registered with. */
    record Version(long id, int version) {
    }

    /** The versions a registration uses. */
    record Resolved(Version applicant, Version organisation) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    Identities(JdbcClient jdbc, AuditLog audit, PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Finds or records the person and organisation of a checked application. New ones start at version 1; unchanged
     * ones are reused; changed ones are refused with {@link IdentityChangedException} unless {@code confirmed}, and then
     * get a new version. Nothing is written when the change is refused.
     */
    Resolved resolve(Actor actor, ApplicationCheck.Checked c, boolean confirmed) {
        Stored person = storedPerson(actor, c);
        Stored organisation = c.subject().organisation() == null ? null : storedOrganisation(actor, c);
        List<IdentityChangedException.Difference> differences = new ArrayList<>(person.differences());
        if (organisation != null) {
            differences.addAll(organisation.differences());
        }
        if (!differences.isEmpty() && !confirmed) {
            throw new IdentityChangedException(differences);
        }
        return new Resolved(person.differences().isEmpty() ? person.version() : newPersonVersion(actor, c, person),
                organisation == null ? null
                        : organisation.differences().isEmpty() ? organisation.version() : newOrganisationVersion(actor, c, organisation));
    }

    private record Stored(Version version, long previousCentre, List<IdentityChangedException.Difference> differences) {
    }

    private Stored storedPerson(Actor actor, ApplicationCheck.Checked c) {
        Subject s = c.subject();
        IdentityDocument doc = c.document();
        Long inserted = jdbc.sql("""
                insert into applicant (pinfl, personal_stir, surname, given_name, patronymic, birth_date, sex, document_type,
                    document_number_enc, document_number_tail, region, district, phone, email, centre_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (pinfl) do nothing returning id""")
                .params(s.pinfl().value(), s.personalStir() == null ? null : s.personalStir().value(), s.surname(),
                        s.givenName(), s.patronymic(), c.birthDate(), String.valueOf(c.sex()), doc.type().name(),
                        seal(doc, s), doc.masked(), s.region(), s.district(), c.phone(), c.email(), actor.centreId())
                .query(Long.class).optional().orElse(null);
        if (inserted != null) {
            return new Stored(new Version(inserted, 1), actor.centreId(), List.of());
        }
        return jdbc.sql("""
                select id, version, coalesce(changed_centre_id, centre_id, 0), surname, given_name, patronymic, birth_date, sex,
                       personal_stir, document_type, document_number_enc, document_number_tail, region, district, phone, email
                from applicant where pinfl = ? for update""")
                .param(s.pinfl().value())
                .query((rs, n) -> {
                    List<IdentityChangedException.Difference> d = new ArrayList<>();
                    differ(d, "surname", rs.getString(4), s.surname());
                    differ(d, "givenName", rs.getString(5), s.givenName());
                    differ(d, "patronymic", rs.getString(6), s.patronymic());
                    differ(d, "birthDate", String.valueOf(rs.getDate(7).toLocalDate()), String.valueOf(c.birthDate()));
                    differ(d, "sex", rs.getString(8), String.valueOf(c.sex()));
                    if (s.personalStir() != null) {
                        differ(d, "personalStir", rs.getString(9), s.personalStir().value());
                    }
                    differ(d, "documentType", rs.getString(10), doc.type().name());
                    // None for a holder who migrated from an external CA: no centre has seen their document yet.
                    byte[] sealed = rs.getBytes(11);
                    String storedNumber = sealed == null ? null
                            : new String(cipher.decrypt(sealed, "applicant:" + s.pinfl().value()), StandardCharsets.UTF_8);
                    if (!doc.number().equals(storedNumber)) {
                        d.add(new IdentityChangedException.Difference("documentNumber", rs.getString(12), doc.masked()));
                    }
                    differ(d, "region", rs.getString(13), s.region());
                    differ(d, "district", rs.getString(14), s.district());
                    differ(d, "phone", rs.getString(15), c.phone());
                    differ(d, "email", rs.getString(16), c.email());
                    return new Stored(new Version(rs.getLong(1), rs.getInt(2)), rs.getLong(3), d);
                })
                .single();
    }

    private Stored storedOrganisation(Actor actor, ApplicationCheck.Checked c) {
        Subject.Organisation o = c.subject().organisation();
        Long inserted = jdbc.sql("""
                insert into organisation (stir, name, legal_form, applicant_type, region, district, centre_id)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (stir) do nothing returning id""")
                .params(o.stir().value(), o.name(), o.legalForm(), c.type().name(), c.subject().region(),
                        c.subject().district(), actor.centreId())
                .query(Long.class).optional().orElse(null);
        if (inserted != null) {
            return new Stored(new Version(inserted, 1), actor.centreId(), List.of());
        }
        return jdbc.sql("""
                select id, version, coalesce(changed_centre_id, centre_id, 0), name, legal_form, applicant_type
                from organisation where stir = ? for update""")
                .param(o.stir().value())
                .query((rs, n) -> {
                    List<IdentityChangedException.Difference> d = new ArrayList<>();
                    differ(d, "organisationName", rs.getString(4), o.name());
                    differ(d, "legalForm", rs.getString(5), o.legalForm());
                    differ(d, "type", rs.getString(6), c.type().name());
                    return new Stored(new Version(rs.getLong(1), rs.getInt(2)), rs.getLong(3), d);
                })
                .single();
    }

    private Version newPersonVersion(Actor actor, ApplicationCheck.Checked c, Stored stored) {
        Subject s = c.subject();
        IdentityDocument doc = c.document();
        int version = jdbc.sql("""
                update applicant set personal_stir = coalesce(?, personal_stir), surname = ?, given_name = ?, patronymic = ?,
                    birth_date = ?, sex = ?, document_type = ?, document_number_enc = ?, document_number_tail = ?, region = ?,
                    district = ?, phone = ?, email = ?, version = version + 1, changed_at = ?, changed_by = ?,
                    changed_centre_id = ?
                where id = ? returning version""")
                .params(s.personalStir() == null ? null : s.personalStir().value(), s.surname(), s.givenName(),
                        s.patronymic(), c.birthDate(), String.valueOf(c.sex()), doc.type().name(), seal(doc, s),
                        doc.masked(), s.region(), s.district(), c.phone(), c.email(), Timestamp.from(clock.instant()),
                        actor.operatorId(), actor.centreId(), stored.version().id())
                .query(Integer.class).single();
        Map<String, String> details = changeDetails(actor, stored, version);
        details.put("pinfl", s.pinfl().masked());
        audit.record(AuditEvent.success(actor.username(), "applicant.version", "applicant:" + stored.version().id(), details));
        return new Version(stored.version().id(), version);
    }

    private Version newOrganisationVersion(Actor actor, ApplicationCheck.Checked c, Stored stored) {
        Subject.Organisation o = c.subject().organisation();
        int version = jdbc.sql("""
                update organisation set name = ?, legal_form = ?, applicant_type = ?, version = version + 1, changed_at = ?,
                    changed_by = ?, changed_centre_id = ?
                where id = ? returning version""")
                .params(o.name(), o.legalForm(), c.type().name(), Timestamp.from(clock.instant()), actor.operatorId(),
                        actor.centreId(), stored.version().id())
                .query(Integer.class).single();
        Map<String, String> details = changeDetails(actor, stored, version);
        details.put("stir", o.stir().value());
        audit.record(AuditEvent.success(actor.username(), "organisation.version", "organisation:" + stored.version().id(), details));
        return new Version(stored.version().id(), version);
    }

    private static Map<String, String> changeDetails(Actor actor, Stored stored, int version) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("centre", String.valueOf(actor.centreId()));
        details.put("operator", String.valueOf(actor.operatorId()));
        details.put("previousCentre", String.valueOf(stored.previousCentre()));
        details.put("version", String.valueOf(version));
        for (IdentityChangedException.Difference d : stored.differences()) {
            details.put(d.field() + ".before", Objects.toString(d.stored(), ""));
            details.put(d.field() + ".after", Objects.toString(d.typed(), ""));
        }
        return details;
    }

    byte[] seal(IdentityDocument doc, Subject s) {
        return cipher.encrypt(doc.number().getBytes(StandardCharsets.UTF_8), "applicant:" + s.pinfl().value());
    }

    private static void differ(List<IdentityChangedException.Difference> out, String field, String stored, String typed) {
        String a = stored == null || stored.isBlank() ? null : stored.strip();
        String b = typed == null || typed.isBlank() ? null : typed.strip();
        if (!Objects.equals(a, b)) {
            out.add(new IdentityChangedException.Difference(field, a, b));
        }
    }
}
