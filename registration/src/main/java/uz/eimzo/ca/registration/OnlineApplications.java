package uz.eimzo.ca.registration;

import uz.eimzo.ca.x509.PolicyInfo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.profile.ApplicantType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.math.BigInteger;
import java.util.LinkedHashMap;

/**
 * Applications the applicants type themselves at {@code /apply}. They are checked by {@link ApplicationCheck} like the
 * registrar's form, but they are no request yet: nothing of them can be signed until a registrar of the chosen centre
 * has compared the person with their documents and confirmed, which registers an ordinary request (origin ONLINE)
 * through {@link Registrations} with the data the registrar confirmed. The applicant follows it with the reference
 * and a tracking secret shown once (only its SHA-256 is kept); the passport number is sealed like the applicant's.
 */
public final class OnlineApplications {

    /** What the applicant sees once: the reference to quote and the secret that opens the tracking page. */
    public record Received(String reference, String trackingSecret) {
    }

    /** Where an application stands, as the applicant is told. */
    public enum Stage { RECEIVED, CONFIRMED, APPROVED, ISSUED, REFUSED, STOPPED }

    /** The tracking page's view: no personal data beyond the name the applicant typed. */
    public record Tracked(String reference, Stage stage, String centreName, String centreRegion, KeyOption keyOption,
                          String rejectionReason, Long requestId, Integer issuedCaId, BigInteger issuedSerial,
                          Instant createdAt, ApplicantType type, boolean remoteAllowed, String stoppedCode,
                          boolean emailConfirmed, boolean phoneConfirmed) {
    }

    /** A waiting application in a centre's queue (passport masked). */
    public record Waiting(String reference, ApplicantType type, String name, String pinfl, String documentMasked,
                          String organisationName, KeyOption keyOption, Instant createdAt, boolean phoneConfirmed) {
    }

    /** A service centre an applicant may choose. */
    public record Centre(long id, String name, String region) {
    }


    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Registrations registrations;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OnlineApplications(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Registrations registrations,
                              PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.registrations = registrations;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The purposes an applicant of this type may choose (its profile's certificate policies). */
    public List<PolicyInfo> purposes(ApplicantType type) {
        return registrations.purposes(type);
    }

    public List<Centre> centres() {
        return jdbc.sql("select id, name, region from service_centre order by name")
                .query((rs, n) -> new Centre(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * Records an application after the same checks as the registrar's form, plus what only an online application needs
     * (an e-mail address to write to, an existing centre, a key option, at least one purpose its type's profile
     * offers). Refused applications write nothing.
     *
     * @param purposes the policy OIDs the certificate is for; null for every purpose of the profile (the JSON API
     *                 without the field), empty is refused
     * @param client a stable fingerprint of the client (the caller hashes its address) for rate limiting
     */
    public Received apply(ApplicantForm form, Long centreId, KeyOption keyOption, List<String> purposes, String language,
                          byte[] client) {
        List<FieldError> errors = new ArrayList<>();
        ApplicationCheck.Checked checked = null;
        try {
            checked = ApplicationCheck.check(form, LocalDate.now(clock));
        } catch (InvalidApplicationException e) {
            errors.addAll(e.errors());
        }
        if (form.type() != null && errors.stream().noneMatch(e -> e.field().equals("email"))
                && (form.email() == null || form.email().isBlank())) {
            errors.add(new FieldError("email", "email.required", "An e-mail address is required to follow an online application"));
        }
        if (centreId == null || centres().stream().noneMatch(c -> c.id() == centreId)) {
            errors.add(new FieldError("centreId", "centre.required", "Choose the service centre that will check your identity"));
        }
        if (keyOption == null) {
            errors.add(new FieldError("keyOption", "keyOption.required", "Choose how your key is made"));
        }
        if (form.type() != null) {
            Purposes.error(registrations.purposes(form.type()), purposes).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        ApplicationCheck.Checked c = checked;
        String reference = "A-" + randomText(5) + "-" + randomText(5);
        String secret = randomText(4) + "-" + randomText(4) + "-" + randomText(4) + "-" + randomText(4);
        var s = c.subject();
        var org = s.organisation();
        tx.executeWithoutResult(status -> {
            long id = jdbc.sql("""
                            insert into online_application (reference, tracking_secret_sha256, centre_id, language, applicant_type,
                                surname, given_name, patronymic, birth_date, sex, pinfl, document_type, document_number_enc,
                                document_masked, personal_stir, region, district, phone, email, organisation_stir,
                                organisation_name, legal_form, position_title, representative, power_of_attorney, key_option,
                                client_sha256, purposes)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[])
                            returning id""")
                    .params(reference, sha256(secret), centreId, language(language), c.type().name(), s.surname(),
                            s.givenName(), s.patronymic(), c.birthDate(), String.valueOf(c.sex()), s.pinfl().value(),
                            c.document().type().name(), seal(reference, c.document()), c.document().masked(),
                            s.personalStir() == null ? null : s.personalStir().value(), s.region(), s.district(), c.phone(),
                            c.email(), org == null ? null : org.stir().value(), org == null ? null : org.name(),
                            org == null ? null : org.legalForm(), s.position(), c.representative(), c.powerOfAttorney(),
                            keyOption.name(), client, Purposes.literal(purposes))
                    .query(Long.class).single();
            audit.record(AuditEvent.success("online:" + reference, "application.received", "application:" + id, Map.of(
                    "pinfl", s.pinfl().masked(), "type", c.type().name(), "centre", String.valueOf(centreId),
                    "keyOption", keyOption.name())));
        });
        return new Received(reference, secret);
    }

    /** Applications made since {@code since} with this e-mail, phone or client: what the rate limits count. */
    public record Recent(int byEmail, int byPhone, int byClient) {
    }

    public Recent recent(String email, String phone, byte[] client, Instant since) {
        Timestamp from = Timestamp.from(since);
        String mail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String tel = phone == null ? "" : phone.strip().replace(" ", "").replace("-", "");
        return jdbc.sql("""
                        select count(*) filter (where lower(email) = ?), count(*) filter (where phone = ?),
                               count(*) filter (where client_sha256 = ?)
                        from online_application
                        where created_at > ? and (lower(email) = ? or phone = ? or client_sha256 = ?)""")
                .params(mail, tel, client, from, mail, tel, client)
                .query((rs, n) -> new Recent(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    /** The application behind a reference, if the secret is its own; empty for an unknown reference or a wrong secret. */
    public Optional<Tracked> track(String reference, String secret) {
        record Row(byte[] secret, Tracked tracked) {
        }
        byte[] presented = sha256(secret == null ? "" : secret.strip().toUpperCase(Locale.ROOT));
        return jdbc.sql(TRACK + " where a.reference = ?").param(normalise(reference))
                .query((rs, n) -> new Row(rs.getBytes("tracking_secret_sha256"), tracked(rs, n)))
                .optional()
                .filter(row -> MessageDigest.isEqual(row.secret(), presented))
                .map(Row::tracked);
    }

    /** The same view without the secret, for the remote check that MyID's session id identifies. */
    Optional<Tracked> tracked(String reference) {
        return jdbc.sql(TRACK + " where a.reference = ?").param(normalise(reference)).query((rs, n) -> tracked(rs, n)).optional();
    }

    /** The online applications waiting for the operator's centre, optionally found by reference, PINFL or passport. */
    public List<Waiting> queue(Actor actor, String query) {
        String q = query == null ? "" : query.strip().toUpperCase(Locale.ROOT);
        return jdbc.sql("""
                        select reference, applicant_type, surname, given_name, patronymic, pinfl, document_masked,
                               organisation_name, key_option, created_at, phone_confirmed_at is not null
                        from online_application
                        where status = 'RECEIVED' and (centre_id = ? or ?)
                          and (? = '' or reference = ? or pinfl = ? or document_masked = ?)
                        order by created_at limit 200""")
                .params(actor.centreId(), actor.has(Actor.Role.ADMINISTRATOR), q, q, q,
                        q.length() == 9 ? q.substring(0, 2) + "*****" + q.substring(7) : q)
                .query((rs, n) -> new Waiting(rs.getString(1), ApplicantType.valueOf(rs.getString(2)),
                        name(rs.getString(3), rs.getString(4), rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), KeyOption.valueOf(rs.getString(9)), rs.getTimestamp(10).toInstant(),
                        rs.getBoolean(11)))
                .list();
    }

    /** What the applicant typed, passport number included, for the registrar who checks it against the document. */
    public ApplicantForm typed(Actor actor, String reference) {
        return typedWhere("reference = ? and status = 'RECEIVED' and (centre_id = ? or ?)",
                normalise(reference), actor.centreId(), actor.has(Actor.Role.ADMINISTRATOR))
                .orElseThrow(() -> new RegistrationException("application.unknown", "No waiting online application " + reference));
    }

    /** The same for the remote check, which acts for no centre's operator. */
    Optional<ApplicantForm> typed(String reference) {
        return typedWhere("reference = ? and status = 'RECEIVED'", normalise(reference));
    }

    private Optional<ApplicantForm> typedWhere(String where, Object... params) {
        return jdbc.sql("""
                        select applicant_type, surname, given_name, patronymic, birth_date, sex, pinfl, document_type,
                               document_number_enc, personal_stir, region, district, phone, email, organisation_stir,
                               organisation_name, legal_form, position_title, representative, power_of_attorney, reference
                        from online_application where """ + " " + where)
                .params(params)
                .query((rs, n) -> new ApplicantForm(ApplicantType.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(), rs.getString(6), rs.getString(7),
                        IdentityDocument.Type.valueOf(rs.getString(8)),
                        new String(cipher.decrypt(rs.getBytes(9), "application:" + rs.getString(21)), StandardCharsets.UTF_8),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getBoolean(19),
                        rs.getString(20)))
                .optional();
    }

    /**
     * The registrar has seen the documents: the application becomes a submitted request of the centre, registered
     * (REGISTERED snapshot) with what the registrar confirmed, which may correct what was typed. Atomic: either the
     * request exists and the application points at it, or neither changed.
     */
    public RequestView confirm(Actor actor, String reference, ApplicantForm confirmed, boolean confirmIdentityChange) {
        if (!actor.has(Actor.Role.REGISTRAR)) {
            throw new RegistrationException("forbidden", "This step needs the role REGISTRAR");
        }
        long requestId = confirmAs(actor, reference, confirmed, confirmIdentityChange, "application.confirm", Map.of());
        return registrations.find(actor, requestId);
    }

    /**
     * Turns a waiting application into a submitted request of its centre, registered by {@code actor} (a registrar at
     * the desk, or the centre's remote-check account), and audits it as {@code action} with {@code details}.
     */
    long confirmAs(Actor actor, String reference, ApplicantForm confirmed, boolean confirmIdentityChange, String action,
                   Map<String, String> details) {
        String ref = normalise(reference);
        return tx.execute(status -> {
            record Locked(long id, String keyOption, String purposes) {
            }
            // The request belongs to the confirming operator's centre, so only that centre's applications qualify.
            Locked app = jdbc.sql("""
                            select id, key_option, purposes from online_application
                            where reference = ? and status = 'RECEIVED' and centre_id = ? for update""")
                    .params(ref, actor.centreId())
                    .query((rs, n) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3))).optional()
                    .orElseThrow(() -> new RegistrationException("application.unknown", "No waiting online application " + reference));
            RequestView request = registrations.register(actor, confirmed, UUID.randomUUID(), true, confirmIdentityChange);
            // The applicant's purposes become the request's, fixed from here on (V33's trigger).
            jdbc.sql("update certificate_request set origin = 'ONLINE', key_option = ?, purposes = ?::text[] where id = ?")
                    .params(app.keyOption(), app.purposes(), request.id()).update();
            jdbc.sql("""
                            update online_application set status = 'CONFIRMED', request_id = ?, confirmed_by = ?, confirmed_at = ?,
                                myid_session_id = null where id = ?""")
                    .params(request.id(), actor.operatorId(), Timestamp.from(clock.instant()), app.id()).update();
            Map<String, String> audited = new LinkedHashMap<>(details);
            audited.put("reference", ref);
            audited.put("request", String.valueOf(request.id()));
            audited.put("centre", String.valueOf(actor.centreId()));
            audit.record(AuditEvent.success(actor.username(), action, "application:" + app.id(), audited));
            return request.id();
        });
    }

    /** The reference of the online application a request came from, if any. */
    public Optional<String> referenceOf(long requestId) {
        return jdbc.sql("select reference from online_application where request_id = ?").param(requestId)
                .query(String.class).optional();
    }

    private static final String TRACK = """
            select a.reference, a.status as app_status, a.tracking_secret_sha256, a.key_option, a.created_at, a.request_id,
                   c.name as centre_name, c.region as centre_region, r.status as request_status, r.rejection_reason,
                   r.issued_ca_id, r.issued_serial, a.applicant_type, a.stopped_code,
                   a.applicant_type = any(c.remote_identity_types) as remote_allowed,
                   a.email_confirmed_at is not null as email_confirmed, a.phone_confirmed_at is not null as phone_confirmed
            from online_application a
            join service_centre c on c.id = a.centre_id
            left join certificate_request r on r.id = a.request_id""";

    private Tracked tracked(ResultSet rs, int row) throws SQLException {
        String requestStatus = rs.getString("request_status");
        long requestId = rs.getLong("request_id");
        int caId = rs.getInt("issued_ca_id");
        Integer issuedCa = rs.wasNull() ? null : caId;
        var serial = rs.getBigDecimal("issued_serial");
        Stage stage = "STOPPED".equals(rs.getString("app_status")) ? Stage.STOPPED : stage(requestStatus);
        return new Tracked(rs.getString("reference"), stage, rs.getString("centre_name"),
                rs.getString("centre_region"), KeyOption.valueOf(rs.getString("key_option")),
                rs.getString("rejection_reason"), requestStatus == null ? null : requestId, issuedCa,
                serial == null ? null : serial.toBigIntegerExact(), rs.getTimestamp("created_at").toInstant(),
                ApplicantType.valueOf(rs.getString("applicant_type")), rs.getBoolean("remote_allowed"),
                rs.getString("stopped_code"), rs.getBoolean("email_confirmed"),
                rs.getBoolean("phone_confirmed"));
    }

    /** The applicant's stage: a request's status in the words of the tracking page. */
    static Stage stage(String requestStatus) {
        if (requestStatus == null) {
            return Stage.RECEIVED;
        }
        return switch (RequestStatus.valueOf(requestStatus)) {
            case DRAFT, SUBMITTED -> Stage.CONFIRMED;
            case APPROVED -> Stage.APPROVED;
            case ISSUED -> Stage.ISSUED;
            case REJECTED -> Stage.REFUSED;
        };
    }

    private byte[] seal(String reference, IdentityDocument document) {
        return cipher.encrypt(document.number().getBytes(StandardCharsets.UTF_8), "application:" + reference);
    }

    static String normalise(String reference) {
        return reference == null ? "" : reference.strip().toUpperCase(Locale.ROOT);
    }

    private static String language(String language) {
        return language != null && List.of("uz", "ru", "en").contains(language) ? language : "uz";
    }

    private static String name(String surname, String given, String patronymic) {
        return surname + " " + given + (patronymic == null ? "" : " " + patronymic);
    }

    String randomText(int length) {
        return ReadableCodes.random(random, length);
    }

    static byte[] sha256(String text) {
        return Certificates.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
