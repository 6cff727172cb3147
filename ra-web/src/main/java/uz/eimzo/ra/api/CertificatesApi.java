package uz.eimzo.ra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
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
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.CertificateSearch;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.revocation.RequestedReason;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.operator.OperatorUser;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates in the JSON API: search, read with chain, download, and revoke / suspend / restore, by the same rules
 * as the certificate pages (supervisors and administrators change a status; other centres' certificates are 404).
 * Serials are hexadecimal strings in paths and answers.
 */
@RestController
@RequestMapping("/api/certificates")
@Tag(name = "certificates", description = "Search, download, revocation, suspension and restoration")
class CertificatesApi {

    /** A revocation: the reason by RFC 5280 name or code (read by {@link RequestedReason}), and an optional invalidity date. */
    record Revocation(
            @Schema(description = "The revocation reason: " + RequestedReason.ACCEPTED + ". A name is a JSON string, a code a JSON number.",
                    oneOf = {String.class, Integer.class}, example = "keyCompromise", requiredMode = Schema.RequiredMode.REQUIRED)
            String reason,
            @Schema(description = "When the key is known or suspected to have been compromised (not in the future)")
            Instant invalidityDate) {
    }

    /** One certificate with its status, the certificate and its chain up to the root (PEM). */
    record CertificateAnswer(String ca,
                             @Schema(description = "Hexadecimal", example = "5f3a0c9e1b27d4e8a6c01f2b3d4e5a6b") String serial,
                             String status, String subject, Instant notBefore, Instant notAfter, String profile,
                             String revocationReason, Instant revokedAt, String certificate, List<String> chain) {
    }

    private final CertificateSearch search;
    private final CaServices ca;

    CertificatesApi(CertificateSearch search, CaServices ca) {
        this.search = search;
        this.ca = ca;
    }

    @Operation(summary = "Search certificates by PINFL, STIR, serial (hex) or name")
    @GetMapping
    List<CertificateSearch.Hit> certificates(@AuthenticationPrincipal OperatorUser user,
            @Parameter(description = "PINFL, STIR, serial (hex) or part of a name; one printable line (a control, invisible or "
                    + "bidirectional character is refused with 400, error text.control or text.bidi)")
            @RequestParam(defaultValue = "") String q) {
        return search.search(user.actor(), q, 200);
    }

    @Operation(summary = "Read a certificate: status, validity, the certificate and its chain (PEM)")
    @GetMapping("/{caName}/{serial}")
    CertificateAnswer certificate(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                  @Parameter(description = "Hexadecimal (any case, 0x, colons and leading zeros accepted)")
                                  @PathVariable String serial) {
        CertificateRecord record = find(user.actor(), caName, serial);
        List<String> chain = chain(caName, record).stream().map(Certificates::pem).toList();
        return new CertificateAnswer(caName, Serials.hex(record.serial()), record.status().name(), record.subjectDn(),
                record.notBefore(), record.notAfter(), record.profile(),
                record.revocationReason() == null ? null : record.revocationReason().name(), record.revokedAt(),
                chain.getFirst(), chain.subList(1, chain.size()));
    }

    @Operation(summary = "Download a certificate: pem, der (.cer) or chain (PEM, the certificate first, up to the root)")
    @GetMapping("/{caName}/{serial}/download")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                    @PathVariable String serial,
                                    @Parameter(schema = @Schema(allowableValues = {"pem", "der", "chain"}))
                                    @RequestParam(defaultValue = "pem") String format) {
        CertificateRecord record = find(user.actor(), caName, serial);
        String base = "certificate-" + Serials.hex(record.serial());
        return switch (format) {
            case "der" -> file(base + ".cer", "application/pkix-cert", Certificates.der(record.certificate()));
            case "chain" -> file(base + "-chain.pem", "application/x-pem-file", chain(caName, record).stream()
                    .map(Certificates::pem).reduce("", String::concat).getBytes(StandardCharsets.US_ASCII));
            case "pem" -> file(base + ".pem", "application/x-pem-file",
                    Certificates.pem(record.certificate()).getBytes(StandardCharsets.US_ASCII));
            default -> throw new ApiFieldException("format", "api.body.value", "format must be pem, der or chain");
        };
    }

    @Operation(summary = "Revoke a certificate (supervisors and administrators)",
            description = "reason is " + RequestedReason.ACCEPTED + ". Anything else is refused with 400 and error revocation.reason.")
    @PostMapping("/{caName}/{serial}/revoke")
    CertificateSearch.Hit revoke(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                 @PathVariable String serial, @RequestBody Revocation body) {
        BigInteger number = changeable(user.actor(), caName, serial);
        ApiFieldException.required(body, "body");
        if (body.reason() == null) {
            throw ApiFieldException.missing("reason"); // given but blank or unknown: revocation.reason, listing the accepted ones
        }
        ca.revocations().revoke(caName, number, RequestedReason.parse(body.reason()), body.invalidityDate(), user.getName());
        return hit(user.actor(), number);
    }

    @Operation(summary = "Suspend a good certificate (certificateHold; supervisors and administrators)")
    @PostMapping("/{caName}/{serial}/suspend")
    CertificateSearch.Hit suspend(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                  @PathVariable String serial) {
        BigInteger number = changeable(user.actor(), caName, serial);
        ca.revocations().suspend(caName, number, user.getName());
        return hit(user.actor(), number);
    }

    @Operation(summary = "Restore a suspended certificate (supervisors and administrators)")
    @PostMapping("/{caName}/{serial}/restore")
    CertificateSearch.Hit restore(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                  @PathVariable String serial) {
        BigInteger number = changeable(user.actor(), caName, serial);
        ca.revocations().restore(caName, number, user.getName());
        return hit(user.actor(), number);
    }

    /** The serial of a certificate whose status this operator may change: a supervisor's or administrator's, visible. */
    private BigInteger changeable(Actor actor, String caName, String serial) {
        if (!actor.has(Actor.Role.SUPERVISOR) && !actor.has(Actor.Role.ADMINISTRATOR)) {
            throw new RegistrationException("forbidden", "Only supervisors and administrators change a certificate's status");
        }
        return search.requireVisible(actor, caName, Serials.normalised(serial, "serial"));
    }

    private CertificateSearch.Hit hit(Actor actor, BigInteger serial) {
        return search.search(actor, Serials.hex(serial), 1).getFirst();
    }

    private CertificateRecord find(Actor actor, String caName, String serial) {
        BigInteger number = search.requireVisible(actor, caName, Serials.normalised(serial, "serial"));
        return ca.certificates().find(ca.authoritiesDirectory().require(caName).id(), number)
                .orElseThrow(() -> new RegistrationException("request.unknown", "No such certificate"));
    }

    /** The certificate, then its issuing CA and each parent up to the root. */
    private List<X509Certificate> chain(String caName, CertificateRecord record) {
        List<X509Certificate> chain = new ArrayList<>(List.of(record.certificate()));
        CertificateAuthority authority = ca.authoritiesDirectory().require(caName);
        while (authority != null) {
            chain.add(authority.certificate());
            authority = authority.parentId() == null ? null : ca.authoritiesDirectory().byId(authority.parentId()).orElse(null);
        }
        return chain;
    }

    private static ResponseEntity<byte[]> file(String name, String type, byte[] body) {
        return ResponseEntity.ok().headers(h -> h.setContentDisposition(Downloads.attachment(name)))
                .contentType(MediaType.parseMediaType(type)).body(body);
    }
}
