package uz.eimzo.ra.certificates;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.profile.CertificateProfile;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.revocation.RequestedReason;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.CertificateSearch;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.home.RefusalText;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/** Certificate pages: search, details, downloads, and revoke / suspend / restore with confirmation. */
@Controller
class CertificatesController {

    /**
     * Reasons an operator may choose when revoking: hold and removeFromCRL have their own buttons, and cACompromise
     * and aACompromise do not apply to the end-entity certificates issued here.
     */
    static final Set<RevocationReason> REASONS = EnumSet.complementOf(EnumSet.of(RevocationReason.CERTIFICATE_HOLD,
            RevocationReason.REMOVE_FROM_CRL, RevocationReason.CA_COMPROMISE, RevocationReason.AA_COMPROMISE));

    private final CaServices ca;
    private final CertificateSearch search;
    private final Clock clock;
    private final RefusalText refusals;

    CertificatesController(CaServices ca, CertificateSearch search, Clock clock, RefusalText refusals) {
        this.ca = ca;
        this.search = search;
        this.clock = clock;
        this.refusals = refusals;
    }

    @GetMapping("/certificates")
    String list(@AuthenticationPrincipal OperatorUser user, @RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("hits", search.search(user.actor(), q, 200));
        return "certificates/list";
    }

    @GetMapping("/certificates/expiring")
    String expiring(@AuthenticationPrincipal OperatorUser user, @RequestParam(defaultValue = "30") int days, Model model) {
        Instant now = clock.instant();
        model.addAttribute("days", Math.max(1, Math.min(days, 366)));
        model.addAttribute("hits", search.expiring(user.actor(), now, now.plus(Duration.ofDays(Math.max(1, Math.min(days, 366)))), 500));
        return "certificates/expiring";
    }

    @GetMapping("/certificates/{caName}/{serial}")
    String show(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName, @PathVariable String serial, Model model) {
        CertificateRecord record = find(user.actor(), caName, serial);
        model.addAttribute("caName", caName);
        model.addAttribute("record", record);
        model.addAttribute("serialHex", record.serial().toString(16));
        model.addAttribute("sha256", HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(Certificates.sha256(Certificates.der(record.certificate()))));
        model.addAttribute("reasons", REASONS);
        return "certificates/show";
    }

    @GetMapping("/certificates/{caName}/{serial}/download")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName,
                                    @PathVariable String serial, @RequestParam(defaultValue = "pem") String format) {
        CertificateRecord record = find(user.actor(), caName, serial);
        String base = "certificate-" + record.serial().toString(16);
        return switch (format) {
            case "der" -> file(base + ".cer", "application/pkix-cert", Certificates.der(record.certificate()));
            case "chain" -> {
                StringBuilder pem = new StringBuilder(Certificates.pem(record.certificate()));
                CertificateAuthority authority = ca.authoritiesDirectory().require(caName);
                while (authority != null) {
                    pem.append(Certificates.pem(authority.certificate()));
                    authority = authority.parentId() == null ? null : ca.authoritiesDirectory().byId(authority.parentId()).orElse(null);
                }
                yield file(base + "-chain.pem", "application/x-pem-file", pem.toString().getBytes(StandardCharsets.US_ASCII));
            }
            default -> file(base + ".pem", "application/x-pem-file",
                    Certificates.pem(record.certificate()).getBytes(StandardCharsets.US_ASCII));
        };
    }

    @PostMapping("/certificates/{caName}/{serial}/revoke")
    String revoke(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName, @PathVariable String serial,
                  @RequestParam String reason, @RequestParam(required = false) LocalDate invalidityDate,
                  @RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes flash) {
        return change(user, caName, serial, confirm, flash, s -> ca.revocations().revoke(caName, s, RequestedReason.parse(reason),
                invalidityDate == null ? null : invalidityDate.atStartOfDay(CertificateProfile.TASHKENT).toInstant(),
                user.getName()));
    }

    @PostMapping("/certificates/{caName}/{serial}/suspend")
    String suspend(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName, @PathVariable String serial,
                   @RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes flash) {
        return change(user, caName, serial, confirm, flash, s -> ca.revocations().suspend(caName, s, user.getName()));
    }

    @PostMapping("/certificates/{caName}/{serial}/restore")
    String restore(@AuthenticationPrincipal OperatorUser user, @PathVariable String caName, @PathVariable String serial,
                   @RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes flash) {
        return change(user, caName, serial, confirm, flash, s -> ca.revocations().restore(caName, s, user.getName()));
    }

    private interface Change {
        void apply(BigInteger serial);
    }

    private String change(OperatorUser user, String caName, String serial, boolean confirm, RedirectAttributes flash, Change change) {
        Actor actor = user.actor();
        if (!actor.has(Actor.Role.SUPERVISOR) && !actor.has(Actor.Role.ADMINISTRATOR)) {
            throw new AccessDeniedException("Only supervisors and administrators change a certificate's status");
        }
        CertificateRecord record = find(actor, caName, serial);
        if (!confirm) {
            flash.addFlashAttribute("error", refusals.text("certificate.error.confirm"));
        } else {
            try {
                change.apply(record.serial());
                flash.addFlashAttribute("done", true);
            } catch (IllegalArgumentException refused) {
                flash.addFlashAttribute("error", refusals.of(refused));
            }
        }
        return "redirect:/certificates/" + caName + "/" + serial;
    }

    private CertificateRecord find(Actor actor, String caName, String serialHex) {
        BigInteger serial = search.requireVisible(actor, caName, serialHex);
        CertificateAuthority authority = ca.authoritiesDirectory().require(caName);
        return ca.certificates().find(authority.id(), serial)
                .orElseThrow(() -> new RegistrationException("request.unknown", "No such certificate"));
    }

    private static ResponseEntity<byte[]> file(String name, String type, byte[] body) {
        return ResponseEntity.ok().headers(h -> h.setContentDisposition(Downloads.attachment(name)))
                .contentType(MediaType.parseMediaType(type)).body(body);
    }
}
