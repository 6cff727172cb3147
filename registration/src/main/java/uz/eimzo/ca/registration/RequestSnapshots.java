package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.identity.Stir;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.profile.Subject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.HexFormat;

/**
 * Fixes and reads the identity snapshots of requests (table request_snapshot, insert-only), and checks before issuance
 * that the snapshot to be signed is still exactly what was fixed. Callers hold the transaction.
 */
final class RequestSnapshots {

    private final JdbcClient jdbc;

    RequestSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fixes the identity typed for a new request, from the person's and organisation's versions it used. */
    RequestSnapshot fixRegistered(Actor actor, long requestId, String profile, ApplicationCheck.Checked checked,
                                  Identities.Version applicant, Identities.Version organisation, byte[] sealedDocumentNumber) {
        RequestSnapshot snapshot = new RequestSnapshot(requestId, RequestSnapshot.Stage.REGISTERED, applicant.id(),
                applicant.version(), organisation == null ? null : organisation.id(),
                organisation == null ? null : organisation.version(), checked.type(), profile, checked.subject(),
                checked.representative(), checked.powerOfAttorney(), checked.document().type(), checked.document().masked(), "");
        insert(actor, snapshot, sealedDocumentNumber);
        return snapshot;
    }

    /** Fixes the request's identity again at a later stage, with the scans attached by now. */
    RequestSnapshot fix(Actor actor, long requestId, RequestSnapshot.Stage stage) {
        RequestSnapshot registered = find(requestId, RequestSnapshot.Stage.REGISTERED).orElseThrow(() ->
                new RegistrationException("request.snapshotChanged", "Request " + requestId + " has no registered identity"));
        RequestSnapshot snapshot = registered.at(stage, scansNow(requestId));
        insert(actor, snapshot, null);
        return snapshot;
    }

    Optional<RequestSnapshot> find(long requestId, RequestSnapshot.Stage stage) {
        return stored(requestId, stage).map(Stored::snapshot);
    }

    /**
     * The snapshot to sign, refused unless it is unchanged since it was fixed: its stored hashes match its content, its
     * identity is the one registered (and submitted), and every scan seen then is still there with the same content.
     */
    RequestSnapshot forIssuance(long requestId, RequestSnapshot.Stage stage) {
        // All stages in one read: the one to sign and the earlier ones its identity must equal.
        Map<RequestSnapshot.Stage, Stored> stages = new EnumMap<>(RequestSnapshot.Stage.class);
        jdbc.sql("select * from request_snapshot where request_id = ?").param(requestId).query(RequestSnapshots::map).list()
                .forEach(stored -> stages.put(stored.snapshot().stage(), stored));
        Stored signed = Optional.ofNullable(stages.get(stage)).orElseThrow(() -> changed(requestId, "no " + stage + " snapshot"));
        RequestSnapshot snapshot = signed.snapshot();
        if (!Arrays.equals(signed.identitySha256(), snapshot.identitySha256())
                || !Arrays.equals(signed.sha256(), snapshot.sha256())) {
            throw changed(requestId, "the " + stage + " snapshot no longer matches its hash");
        }
        for (RequestSnapshot.Stage earlier : RequestSnapshot.Stage.values()) {
            if (earlier.compareTo(stage) < 0) {
                Stored before = Optional.ofNullable(stages.get(earlier))
                        .orElseThrow(() -> changed(requestId, "no " + earlier + " snapshot"));
                if (!Arrays.equals(before.identitySha256(), signed.identitySha256())) {
                    throw changed(requestId, "the identity " + stage + " differs from the one " + earlier);
                }
            }
        }
        String now = scansNow(requestId);
        for (String seen : snapshot.scans().lines().toList()) {
            if (!now.lines().toList().contains(seen)) {
                throw changed(requestId, "a document seen at " + stage + " is gone or altered");
            }
        }
        return snapshot;
    }

    /** The hash a stage was fixed with, hex, for the audit entry of the step that fixed it. */
    static String hex(RequestSnapshot snapshot) {
        return HexFormat.of().formatHex(snapshot.sha256());
    }

    private static RegistrationException changed(long requestId, String why) {
        return new RegistrationException("request.snapshotChanged",
                "Request " + requestId + " changed since it was approved (" + why + "); it cannot be issued");
    }

    private String scansNow(long requestId) {
        return String.join("\n", jdbc.sql("""
                        select id || ' ' || kind || ' ' || encode(sha256, 'hex') from document_scan where request_id = ? order by id""")
                .param(requestId).query(String.class).list());
    }

    /** The sealed full document number typed for the request. */
    byte[] sealedDocumentNumber(long requestId) {
        return jdbc.sql("select document_number_enc from request_snapshot where request_id = ? and stage = ?")
                .params(requestId, RequestSnapshot.Stage.REGISTERED.name()).query(byte[].class).single();
    }

    private void insert(Actor actor, RequestSnapshot s, byte[] sealedDocumentNumber) {
        Subject subject = s.subject();
        Subject.Organisation o = subject.organisation();
        jdbc.sql("""
                        insert into request_snapshot (request_id, stage, applicant_id, applicant_version, organisation_id,
                            organisation_version, applicant_type, profile, surname, given_name, patronymic, pinfl, personal_stir,
                            region, district, organisation_stir, organisation_name, legal_form, position_title, representative,
                            power_of_attorney, document_type, document_masked, document_number_enc, scans, identity_sha256, sha256,
                            fixed_by, centre_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.requestId(), s.stage().name(), s.applicantId(), s.applicantVersion(), s.organisationId(),
                        s.organisationVersion(), s.type().name(), s.profile(), subject.surname(), subject.givenName(),
                        subject.patronymic(), subject.pinfl().value(),
                        subject.personalStir() == null ? null : subject.personalStir().value(), subject.region(),
                        subject.district(), o == null ? null : o.stir().value(), o == null ? null : o.name(),
                        o == null ? null : o.legalForm(), subject.position(), s.representative(), s.powerOfAttorney(),
                        s.documentType().name(), s.documentMasked(), sealedDocumentNumber, s.scans(), s.identitySha256(), s.sha256(),
                        actor.username(), actor.centreId())
                .update();
    }

    private record Stored(RequestSnapshot snapshot, byte[] identitySha256, byte[] sha256) {
    }

    private Optional<Stored> stored(long requestId, RequestSnapshot.Stage stage) {
        return jdbc.sql("select * from request_snapshot where request_id = ? and stage = ?")
                .params(requestId, stage.name()).query(RequestSnapshots::map).optional();
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        String orgStir = rs.getString("organisation_stir");
        Subject.Organisation organisation = orgStir == null ? null
                : new Subject.Organisation(new Stir(orgStir), rs.getString("organisation_name"), rs.getString("legal_form"));
        String personalStir = rs.getString("personal_stir");
        Subject subject = new Subject(rs.getString("surname"), rs.getString("given_name"), rs.getString("patronymic"),
                new Pinfl(rs.getString("pinfl")), personalStir == null ? null : new Stir(personalStir),
                rs.getString("region"), rs.getString("district"), organisation, rs.getString("position_title"));
        int orgVersion = rs.getInt("organisation_version");
        Integer organisationVersion = rs.wasNull() ? null : orgVersion;
        RequestSnapshot snapshot = new RequestSnapshot(rs.getLong("request_id"),
                RequestSnapshot.Stage.valueOf(rs.getString("stage")), rs.getLong("applicant_id"), rs.getInt("applicant_version"),
                (Long) rs.getObject("organisation_id"), organisationVersion, ApplicantType.valueOf(rs.getString("applicant_type")),
                rs.getString("profile"), subject, rs.getBoolean("representative"), rs.getString("power_of_attorney"),
                IdentityDocument.Type.valueOf(rs.getString("document_type")), rs.getString("document_masked"),
                rs.getString("scans"));
        return new Stored(snapshot, rs.getBytes("identity_sha256"), rs.getBytes("sha256"));
    }
}
