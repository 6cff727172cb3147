package uz.eimzo.ra.admin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.text.TextRules;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.home.RefusalText;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import jakarta.servlet.http.HttpSession;
import java.time.Period;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uz.eimzo.ca.issuance.KeyBundle;
import uz.eimzo.ca.issuance.ServiceProfile;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.config.RaProperties;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.home.OneTimePages;

/** Administrators manage service centres and operator accounts; every change is audited. */
@Controller
class AdministrationController {

    /** An operator as the administration page lists it (no secrets). */
    private final OperatorDirectory operators;
    private final PasswordEncoder passwords;
    private final CaServices ca;
    private final RaProperties raProperties;
    private final RefusalText refusals;

    AdministrationController(OperatorDirectory operators, PasswordEncoder passwords, CaServices ca,
                             RaProperties raProperties, RefusalText refusals) {
        this.operators = operators;
        this.passwords = passwords;
        this.ca = ca;
        this.raProperties = raProperties;
        this.refusals = refusals;
    }

    @GetMapping("/admin")
    String administration(Model model) {
        model.addAttribute("operators", operators.listing());
        model.addAttribute("centres", operators.centres());
        model.addAttribute("roles", Actor.Role.values());
        return "admin/index";
    }

    /** Centre and operator names are shown on pages and in the audit log, never certified: a generous bound. */
    static final int NAME_LIMIT = 128;

    /** The bundle key of a text refusal (error.text.control, error.text.bidi, error.text.tooLong). */
    private static String textKey(TextRules.Finding finding) {
        return "error." + finding.code();
    }

    @PostMapping("/admin/centres")
    String createCentre(@AuthenticationPrincipal OperatorUser admin, @RequestParam String code, @RequestParam String name,
                        @RequestParam(defaultValue = "false") boolean individualsNeedApproval, RedirectAttributes flash) {
        if (!code.matches("[A-Z0-9-]{2,20}") || name.isBlank()) {
            flash.addFlashAttribute("error", refusals.text("admin.error.centre"));
            return "redirect:/admin";
        }
        var unfit = TextRules.line(name.strip(), NAME_LIMIT);
        if (unfit.isPresent()) {
            flash.addFlashAttribute("error", refusals.text(textKey(unfit.get())));
            return "redirect:/admin";
        }
        operators.createCentre(admin.getName(), code, name.strip(), individualsNeedApproval);
        return "redirect:/admin";
    }

    @PostMapping("/admin/centres/{id}/approval")
    String approvalPolicy(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id,
                          @RequestParam boolean individualsNeedApproval) {
        operators.setApprovalPolicy(admin.getName(), id, individualsNeedApproval);
        return "redirect:/admin";
    }

    @PostMapping("/admin/operators")
    String createOperator(@AuthenticationPrincipal OperatorUser admin, @RequestParam long centreId, @RequestParam String username,
                          @RequestParam String fullName, @RequestParam(required = false) List<Actor.Role> roles,
                          RedirectAttributes flash) {
        if (!username.matches("[a-z][a-z0-9._-]{2,39}") || fullName.isBlank() || roles == null || roles.isEmpty()) {
            flash.addFlashAttribute("error", refusals.text("admin.error.operator"));
            return "redirect:/admin";
        }
        var unfitName = TextRules.line(fullName.strip(), NAME_LIMIT);
        if (unfitName.isPresent()) {
            flash.addFlashAttribute("error", refusals.text(textKey(unfitName.get())));
            return "redirect:/admin";
        }
        if (operators.byUsername(username).isPresent()) {
            flash.addFlashAttribute("error", refusals.text("admin.error.usernameTaken", username));
            return "redirect:/admin";
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        operators.create(admin.getName(), centreId, username, fullName.strip(), EnumSet.copyOf(roles), passwords.encode(password));
        flash.addFlashAttribute("newOperator", username);
        flash.addFlashAttribute("newPassword", password);
        return "redirect:/admin";
    }

    @PostMapping("/admin/operators/{id}/{change}")
    String changeOperator(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id, @PathVariable String change,
                          RedirectAttributes flash) {
        var asked = OperatorDirectory.AccountChange.of(change);
        if (asked.isEmpty() || id == admin.actor().operatorId()) {
            flash.addFlashAttribute("error", refusals.text("admin.error.change"));
            return "redirect:/admin";
        }
        operators.change(admin.getName(), id, asked.get());
        return "redirect:/admin";
    }

    /**
     * Issues an operator's client certificate for the HTTPS port: the key is generated here, packed into a PKCS#12
     * file shown once with its password, and only the certificate's fingerprint is kept on the account.
     */
    @PostMapping("/admin/operators/{id}/client-certificate")
    String clientCertificate(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id, RedirectAttributes flash,
                             HttpSession session) {
        var named = operators.named(id).orElse(null);
        if (named == null) {
            flash.addFlashAttribute("error", refusals.text("admin.error.noOperator"));
            return "redirect:/admin";
        }
        String[] row = {named.username(), named.centreCode()};
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var issued = ca.issuer().issueService(raProperties.operatorCa(), ServiceProfile.OPERATOR_CLIENT,
                List.of(new DnAttribute(DnAttribute.CN, row[0]),
                        new DnAttribute(DnAttribute.O, row[1]),
                        new DnAttribute(DnAttribute.C, "UZ")),
                List.of(), key.getPublic(), Period.ofYears(1), admin.getName());
        var bundle = ca.issuer().bundle(issued, key.getPrivate(), "operator-" + row[0] + ".p12", row[0]);
        operators.setClientCertificate(admin.getName(), id, row[0],
                Certificates.sha256(Certificates.der(issued.certificate())),
                issued.serial().toString(16));
        session.setAttribute(CLIENT_BUNDLE, bundle);
        flash.addFlashAttribute("newOperator", row[0]);
        flash.addFlashAttribute("newPassword", new String(bundle.password()));
        flash.addFlashAttribute("clientCertificate", bundle.fileName());
        return "redirect:/admin";
    }

    /** The operator's PKCS#12 file, downloadable once by the administrator who issued it. */
    @GetMapping("/admin/client-certificate")
    ResponseEntity<byte[]> clientCertificateFile(HttpSession session) {
        var bundle = (KeyBundle) session.getAttribute(CLIENT_BUNDLE);
        session.removeAttribute(CLIENT_BUNDLE);
        if (bundle == null) {
            throw new OneTimePages.Gone("/admin", "nav.admin");
        }
        return ResponseEntity.ok()
                .headers(h -> h.setContentDisposition(Downloads.attachment(bundle.fileName())))
                .header("Cache-Control", "no-store")
                .contentType(MediaType.parseMediaType("application/x-pkcs12")).body(bundle.pkcs12());
    }

    private static final String CLIENT_BUNDLE = "operatorClientBundle";

}
