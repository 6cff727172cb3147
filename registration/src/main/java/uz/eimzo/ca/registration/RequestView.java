package uz.eimzo.ca.registration;

import uz.eimzo.ca.profile.ApplicantType;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** A certificate request as operators see it in lists and on its page (passport number masked). */
public record RequestView(
        long id,
        long centreId,
        RequestStatus status,
        ApplicantType applicantType,
        String profile,
        String applicantName,
        String pinfl,
        String documentMasked,
        String organisationName,
        String organisationStir,
        String position,
        boolean representative,
        String registrar,
        long registrarId,
        String approver,
        String rejectionReason,
        Integer issuedCaId,
        BigInteger issuedSerial,
        Instant createdAt,
        List<String> purposes) {

    /** The purposes (policy OIDs) the certificate is for, as registered; empty for every purpose of the profile. */
    public RequestView {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }

    /** Requests for organisations always need a second operator's approval; individuals per centre policy. */
    public boolean needsApproval(boolean centreRequiresForIndividuals) {
        return applicantType.organisation() || centreRequiresForIndividuals;
    }
}
