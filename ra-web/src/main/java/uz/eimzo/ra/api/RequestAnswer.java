package uz.eimzo.ra.api;

import io.swagger.v3.oas.annotations.media.Schema;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.RequestStatus;
import uz.eimzo.ca.registration.RequestView;

import java.time.Instant;
import java.util.List;

/** A certificate request as the API answers it: the issued certificate named by its CA and hexadecimal serial. */
@Schema(name = "Request")
record RequestAnswer(
        long id,
        RequestStatus status,
        ApplicantType applicantType,
        String profile,
        String applicantName,
        String pinfl,
        @Schema(description = "The identity document number, masked") String documentMasked,
        String organisationName,
        String organisationStir,
        String position,
        boolean representative,
        String registrar,
        @Schema(description = "The supervisor who approved or rejected it") String approver,
        String rejectionReason,
        @Schema(description = "The CA that issued its certificate, once issued", example = "demo-issuing") String issuedCa,
        @Schema(description = "The issued certificate's serial, hexadecimal", example = "5f3a0c9e1b27d4e8a6c01f2b3d4e5a6b")
        String issuedSerial,
        Instant createdAt,
        @Schema(description = "What the certificate is for (policy OIDs), as registered and as it will be signed; empty: "
                + "every purpose of the profile") List<String> purposes) {

    static RequestAnswer of(RequestView r, String issuedCa) {
        return new RequestAnswer(r.id(), r.status(), r.applicantType(), r.profile(), r.applicantName(), r.pinfl(),
                r.documentMasked(), r.organisationName(), r.organisationStir(), r.position(), r.representative(),
                r.registrar(), r.approver(), r.rejectionReason(), issuedCa, Serials.hex(r.issuedSerial()), r.createdAt(),
                r.purposes());
    }
}
