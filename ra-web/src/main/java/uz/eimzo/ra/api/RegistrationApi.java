package uz.eimzo.ra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.CertificateSearch;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.registration.RequestView;
import uz.eimzo.ca.revocation.RequestedReason;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.security.OperatorUser;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON API for integrators (e.g. the my.gov.uz portal): the same workflow as the operator pages. */
@RestController
@RequestMapping("/api")
@Tag(name = "registration", description = "Applicants, requests, issuance, revocation and search")
class RegistrationApi {

    private final Registrations registrations;
    private final CertificateSearch search;
    private final CaServices ca;

    RegistrationApi(Registrations registrations, CertificateSearch search, CaServices ca) {
        this.registrations = registrations;
        this.search = search;
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
                      Boolean confirmIdentityChange) {
    }

    /** A PKCS#10 request in PEM (for key option CSR or BROWSER_KEY). */
    record IssueRequest(String csr) {
    }

    /** An issued certificate with its chain, PEM. */
    record IssuedResponse(long requestId, String ca, String serial, String certificate, List<String> chain,
                          String revocationCode) {
    }

    record Rejection(String reason) {
    }

    /** A revocation: the reason by RFC 5280 name or code (read by {@link RequestedReason}), and an optional invalidity date. */
    record Revocation(
            @Schema(description = "The revocation reason: " + RequestedReason.ACCEPTED + ". A name is a JSON string, a code a JSON number.",
                    oneOf = {String.class, Integer.class}, example = "keyCompromise", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason,
            @Schema(description = "When the key is known or suspected to have been compromised (not in the future)")
            Instant invalidityDate) {
    }

    @Operation(summary = "Register an applicant and create a certificate request",
            description = "The applicant is found again by PINFL and the organisation by STIR. When the typed data differ "
                    + "from the stored ones the answer is 409 with error identity.changed and the differing fields, unless "
                    + "confirmIdentityChange is true. "
                    + "Every text field is one printable line: no control, invisible or bidirectional characters. Upper "
                    + "bounds (X.520, RFC 5280 Appendix A): surname, givenName, patronymic 64 each and 64 together as the CN; "
                    + "organisationName 64; position 64; region and district 128; legalForm 128; powerOfAttorney 128; "
                    + "email 255. A refusal is 400 application.invalid listing each field with code text.control, text.bidi, "
                    + "text.tooLong or subject.commonName.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "identity.changed: the typed data differ from the stored person or "
            + "organisation (fields[].field names each one); nothing was written")
    @PostMapping("/requests")
    ResponseEntity<RequestView> register(@AuthenticationPrincipal OperatorUser user, @RequestBody NewRequest body) {
        if (body.applicant() == null || body.idempotencyKey() == null) {
            throw new RegistrationException("api.body", "Both applicant and idempotencyKey are required");
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(registrations.register(user.actor(), body.applicant(), body.idempotencyKey(), body.submit(),
                        Boolean.TRUE.equals(body.confirmIdentityChange())));
    }

    @Operation(summary = "Read a request")
    @GetMapping("/requests/{id}")
    RequestView request(@AuthenticationPrincipal OperatorUser user, @PathVariable long id) {
        return registrations.find(user.actor(), id);
    }

    @Operation(summary = "Approve a submitted request (a supervisor other than its registrar)")
    @PostMapping("/requests/{id}/approve")
    RequestView approve(@AuthenticationPrincipal OperatorUser user, @PathVariable long id) {
        return registrations.approve(user.actor(), id);
    }

    @Operation(summary = "Reject a submitted request with a reason")
    @PostMapping("/requests/{id}/reject")
    RequestView reject(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestBody Rejection body) {
        return registrations.reject(user.actor(), id, body.reason());
    }

    @Operation(summary = "Issue the certificate of a request from the applicant's PKCS#10 request")
    @PostMapping("/requests/{id}/issue")
    IssuedResponse issue(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestBody IssueRequest body) {
        byte[] csr = body.csr() == null ? null : body.csr().getBytes(StandardCharsets.US_ASCII);
        IssuanceOutcome outcome = registrations.issue(user.actor(), id, KeyOption.CSR, csr);
        var chain = ca.issuer().chainOf(outcome.certificate()).stream().map(Certificates::pem).toList();
        return new IssuedResponse(id, outcome.certificate().ca().name(), outcome.certificate().serial().toString(16),
                chain.getFirst(), chain.subList(1, chain.size()), outcome.revocationCode());
    }

    @Operation(summary = "Search certificates by PINFL, STIR, serial (hex) or name")
    @GetMapping("/certificates")
    List<CertificateSearch.Hit> certificates(@AuthenticationPrincipal OperatorUser user,
            @Parameter(description = "PINFL, STIR, serial (hex) or part of a name; one printable line (a control, invisible or "
                    + "bidirectional character is refused with 400, error text.control or text.bidi)")
            @RequestParam(defaultValue = "") String q) {
        return search.search(user.actor(), q, 200);
    }

    @Operation(summary = "Revoke a certificate (supervisors and administrators)",
            description = "reason is " + RequestedReason.ACCEPTED + ". Anything else is refused with 400 and error revocation.reason.")
    @PostMapping("/certificates/{caName}/{serial}/revoke")
    CertificateSearch.Hit revoke(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                 @PathVariable String serial, @RequestBody Revocation body) {
        var actor = user.actor();
        if (!actor.has(Actor.Role.SUPERVISOR) && !actor.has(Actor.Role.ADMINISTRATOR)) {
            throw new RegistrationException("forbidden", "Only supervisors and administrators revoke certificates");
        }
        BigInteger number = search.requireVisible(actor, caName, serial);
        if (body.reason() == null) {
            throw new RegistrationException("api.body", "A revocation reason is required");
        }
        ca.revocations().revoke(caName, number, RequestedReason.parse(body.reason()), body.invalidityDate(), actor.username());
        return search.search(actor, serial, 1).getFirst();
    }
}
