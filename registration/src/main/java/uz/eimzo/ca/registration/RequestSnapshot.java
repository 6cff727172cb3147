package uz.eimzo.ca.registration;

import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.x509.Certificates;

import java.nio.charset.StandardCharsets;

/**
 * The identity a request will certify, as it was fixed at one stage: the subject to be signed (every DN attribute,
 * the organisation, the position), the person's and organisation's versions it was taken from, and the documents
 * seen. Rows are insert-only; issuance signs the subject of the approved (or, without approval, the submitted) one.
 *
 * @param scans the scans attached when the stage was fixed, one "id kind sha256-hex" line each, ordered by id
 */
public record RequestSnapshot(
        long requestId,
        Stage stage,
        long applicantId,
        int applicantVersion,
        Long organisationId,
        Integer organisationVersion,
        ApplicantType type,
        String profile,
        Subject subject,
        boolean representative,
        String powerOfAttorney,
        IdentityDocument.Type documentType,
        String documentMasked,
        String scans) {

    /** When a snapshot is fixed. */
    public enum Stage { REGISTERED, SUBMITTED, APPROVED }

    /** This snapshot's identity fixed again at a later stage, with the scans seen then. */
    RequestSnapshot at(Stage later, String scansNow) {
        return new RequestSnapshot(requestId, later, applicantId, applicantVersion, organisationId, organisationVersion, type,
                profile, subject, representative, powerOfAttorney, documentType, documentMasked, scansNow);
    }

    /**
     * The text the identity hash is taken over. The migration that created the table computes the same text in SQL
     * (request_snapshot_identity) for requests made before it; the two must not drift apart.
     */
    String canonicalIdentity() {
        Subject s = subject;
        Subject.Organisation o = s.organisation();
        return field("applicant_id", String.valueOf(applicantId))
                + field("applicant_version", String.valueOf(applicantVersion))
                + field("organisation_id", organisationId == null ? null : organisationId.toString())
                + field("organisation_version", organisationVersion == null ? null : organisationVersion.toString())
                + field("applicant_type", type.name())
                + field("profile", profile)
                + field("surname", s.surname())
                + field("given_name", s.givenName())
                + field("patronymic", s.patronymic())
                + field("pinfl", s.pinfl().value())
                + field("personal_stir", s.personalStir() == null ? null : s.personalStir().value())
                + field("region", s.region())
                + field("district", s.district())
                + field("organisation_stir", o == null ? null : o.stir().value())
                + field("organisation_name", o == null ? null : o.name())
                + field("legal_form", o == null ? null : o.legalForm())
                + field("position_title", s.position())
                + field("representative", String.valueOf(representative))
                + field("power_of_attorney", powerOfAttorney)
                + field("document_type", documentType.name())
                + field("document_masked", documentMasked);
    }

    /** SHA-256 of the identity alone: the same at every stage of one request. */
    public byte[] identitySha256() {
        return Certificates.sha256(canonicalIdentity().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the identity and the documents seen at this stage. */
    public byte[] sha256() {
        return Certificates.sha256((canonicalIdentity() + field("scans", scans)).getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String key, String value) {
        String v = value == null ? "\\N" : value.replace("\\", "\\\\").replace("\n", "\\n");
        return key + "=" + v + "\n";
    }
}
