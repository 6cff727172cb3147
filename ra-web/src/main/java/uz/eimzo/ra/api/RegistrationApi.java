package uz.eimzo.ra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.issuance.KeyBundle;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.registration.RequestStatus;
import uz.eimzo.ca.registration.RequestView;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.operator.OperatorUser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON API for integrators (e.g. the my.gov.uz portal): the requests' workflow as the operator pages have it, under the
 * same rules (the token acts as its operator: centre, roles, four eyes). Certificates are in {@link CertificatesApi}.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "requests", description = "Applicants, requests, approval, issuance and enrollment codes")
class RegistrationApi {

    private final Registrations registrations;
    private final EnrollmentCodes codes;
    private final CaServices ca;

    RegistrationApi(Registrations registrations, EnrollmentCodes codes, CaServices ca) {
        this.registrations = registrations;
        this.codes = codes;
        this.ca = ca;
    }

    /**
     * A registration: the applicant's form, an idempotency token, whether to submit at once, and whether the operator
     * confirmed that the typed data replace the stored person or organisation (a new version for new requests).
     */
    record NewRequest(ApplicantForm applicant, UUID idempotencyKey, boolean submit,
                      @Schema(description = "Set to true after the operator confirmed that the typed person or organisation "
                              + "data replace the stored ones (found by PINFL or STIR). Without it such a registration is "
                              + "refused with 409 and error identity.changed listing the differing fields; with it a new "
                              + "version is recorded for this and later requests, and earlier requests of every centre "
                              + "keep the identity they were submitted and approved with.", defaultValue = "false")
                      Boolean confirmIdentityChange,
                      @Schema(description = "What the certificate is for: policy OIDs of the applicant type's profile "
                              + "(e-reporting, e-declarations, payments, exchange trades), as on the registrar's form. "
                              + "Absent: every purpose of the profile. Empty or an OID the profile does not offer: 400 "
                              + "with the field purposes.", example = "[\"1.2.860.3.2.2.1.2.1\"]")
                      List<String> purposes) {
    }

    /** How to issue: from the applicant's PKCS#10 request (the default), or with a key made here. */
    record IssueRequest(
            @Schema(description = "CSR (default): the applicant's PKCS#10 request in csr. SERVER_KEY: the key is made here "
                    + "and returned once as a PKCS#12 file with its password.", defaultValue = "CSR") KeyOption keyOption,
            @Schema(description = "The PKCS#10 request, PEM; required for CSR, refused with SERVER_KEY") String csr) {
    }

    /** An issued certificate with its chain, PEM; with a server-made key, the PKCS#12 file and its password (once). */
    record IssuedResponse(long requestId, String ca,
                          @Schema(description = "Hexadecimal", example = "5f3a0c9e1b27d4e8a6c01f2b3d4e5a6b") String serial,
                          String certificate, List<String> chain,
                          @Schema(description = "Hand to the applicant: it revokes a lost key from the self-service page") String revocationCode,
                          @Schema(description = "SERVER_KEY only: the DS….pfx file name") String pkcs12FileName,
                          @Schema(description = "SERVER_KEY only: the PKCS#12 file, base64; given once") String pkcs12,
                          @Schema(description = "SERVER_KEY only: the PKCS#12 password; given once") String pkcs12Password) {
    }

    record Rejection(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Pasport nusxasi o‘qilmaydi") String reason) {
    }

    /** An enrollment code's validity, 1 to 30 days (7 when left out). */
    record EnrollmentRequest(@Schema(defaultValue = "7", minimum = "1", maximum = "30") Integer validityDays) {
    }

    /** A code for the applicant's CMP client: shown once, with the revocation code of the certificate it will enroll. */
    record EnrollmentAnswer(String reference, String secret, Instant expiresAt, String revocationCode) {
    }


    @Operation(summary = "Register an applicant and create a certificate request",
            description = "The applicant is found again by PINFL and the organisation by STIR. When the typed data differ "
                    + "from the stored ones the answer is 409 with error identity.changed and the differing fields, unless "
                    + "confirmIdentityChange is true. "
                    + "Every text field is one printable line: no control, invisible or bidirectional characters. Upper "
                    + "bounds (X.520, RFC 5280 Appendix A): surname, givenName, patronymic 64 each and 64 together as the CN; "
                    + "organisationName 64; position 64; region and district 128; legalForm 128; powerOfAttorney 128; "
                    + "email 255. A refusal is 400 application.invalid listing each field with code text.control, text.bidi, "
                    + "text.tooLong or subject.commonName. A missing applicant or idempotencyKey is 400 api.body naming it.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "identity.changed: the typed data differ from the stored person or "
            + "organisation (fields[].field names each one); nothing was written")
    @PostMapping("/requests")
    ResponseEntity<RequestAnswer> register(@AuthenticationPrincipal OperatorUser user, @RequestBody NewRequest body) {
        ApiFieldException.required(body, "body");
        ApiFieldException.required(body.applicant(), "applicant");
        ApiFieldException.required(body.idempotencyKey(), "idempotencyKey");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(answer(registrations.register(user.actor(), body.applicant(), body.idempotencyKey(), body.submit(),
                        Boolean.TRUE.equals(body.confirmIdentityChange()), body.purposes())));
    }

    @Operation(summary = "List the centre's requests, newest first, optionally of one status")
    @GetMapping("/requests")
    List<RequestAnswer> requests(@AuthenticationPrincipal OperatorUser user, @RequestParam Optional<RequestStatus> status,
                                 @RequestParam(defaultValue = "100") int limit) {
        return registrations.list(user.actor(), status, Math.max(1, Math.min(limit, 500))).stream().map(this::answer).toList();
    }

    @Operation(summary = "Read a request")
    @GetMapping("/requests/{id}")
    RequestAnswer request(@AuthenticationPrincipal OperatorUser user, @PathVariable long id) {
        return answer(registrations.find(user.actor(), id));
    }

    @Operation(summary = "Submit a draft request")
    @PostMapping("/requests/{id}/submit")
    RequestAnswer submit(@AuthenticationPrincipal OperatorUser user, @PathVariable long id) {
        return answer(registrations.submit(user.actor(), id));
    }

    @Operation(summary = "Approve a submitted request (a supervisor other than its registrar)",
            description = "Four eyes: the token's operator must be a supervisor and not the request's registrar "
                    + "(403 forbidden, 409 request.fourEyes).")
    @PostMapping("/requests/{id}/approve")
    RequestAnswer approve(@AuthenticationPrincipal OperatorUser user, @PathVariable long id) {
        return answer(registrations.approve(user.actor(), id));
    }

    @Operation(summary = "Reject a submitted request with a reason (a supervisor other than its registrar)")
    @PostMapping("/requests/{id}/reject")
    RequestAnswer reject(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestBody Rejection body) {
        ApiFieldException.required(body, "body");
        return answer(registrations.reject(user.actor(), id, ApiFieldException.required(body.reason(), "reason")));
    }

    @Operation(summary = "Issue the certificate of an approved request (or of a submitted one that needs no approval)")
    @PostMapping("/requests/{id}/issue")
    IssuedResponse issue(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestBody IssueRequest body) {
        ApiFieldException.required(body, "body");
        KeyOption option = body.keyOption() == null ? KeyOption.CSR : body.keyOption();
        if (option == KeyOption.CSR) {
            ApiFieldException.required(body.csr(), "csr");
        }
        byte[] csr = body.csr() == null || body.csr().isBlank() ? null : body.csr().getBytes(StandardCharsets.US_ASCII);
        IssuanceOutcome outcome = registrations.issue(user.actor(), id, option, csr);
        var chain = ca.issuer().chainOf(outcome.certificate()).stream().map(Certificates::pem).toList();
        KeyBundle bundle = outcome.keyBundle();
        return new IssuedResponse(id, outcome.certificate().ca().name(), Serials.hex(outcome.certificate().serial()),
                chain.getFirst(), chain.subList(1, chain.size()), outcome.revocationCode(),
                bundle == null ? null : bundle.fileName(),
                bundle == null ? null : Base64.getEncoder().encodeToString(bundle.pkcs12()),
                bundle == null ? null : new String(bundle.password()));
    }

    @Operation(summary = "Hand out an enrollment code for the applicant's CMP client (registrars)",
            description = "The secret and the revocation code are given once. The request must be submitted or approved.")
    @ApiResponse(responseCode = "201", description = "Created")
    @PostMapping("/requests/{id}/enrollment-code")
    ResponseEntity<EnrollmentAnswer> enrollmentCode(@AuthenticationPrincipal OperatorUser user, @PathVariable long id,
                                                    @RequestBody(required = false) EnrollmentRequest body) {
        int days = body == null || body.validityDays() == null ? 7 : body.validityDays();
        if (days < 1 || days > 30) {
            throw new ApiFieldException("validityDays", "api.body.value", "validityDays must be 1 to 30");
        }
        EnrollmentCodes.Code code = codes.create(user.actor(), id, Duration.ofDays(days));
        return ResponseEntity.status(HttpStatus.CREATED).body(new EnrollmentAnswer(code.reference(), code.secret(),
                code.expiresAt(), code.revocationCode()));
    }

    private RequestAnswer answer(RequestView request) {
        String issuedCa = request.issuedCaId() == null ? null
                : ca.authoritiesDirectory().byId(request.issuedCaId()).map(a -> a.name()).orElse(null);
        return RequestAnswer.of(request, issuedCa);
    }
}
