package uz.eimzo.ra.admin;

import org.springframework.jdbc.core.simple.JdbcClient;
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
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.text.TextRules;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.security.OperatorUser;
import uz.eimzo.ra.home.RefusalText;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Administrators manage service centres and operator accounts; every change is audited. */
@Controller
class AdministrationController {

    /** An operator as the administration page lists it (no secrets). */
    record OperatorRow(long id, String username, String fullName, String centre, String roles, boolean enabled,
                       boolean enrolled, boolean locked) {
    }

    /** A service centre as listed. */
    record CentreRow(long id, String code, String name, boolean individualsNeedApproval) {
    }

    private final JdbcClient jdbc;
    private final OperatorDirectory operators;
    private final PasswordEncoder passwords;
    private final CaServices ca;
    private final uz.eimzo.ra.config.RaProperties raProperties;
    private final RefusalText refusals;

    AdministrationController(JdbcClient jdbc, OperatorDirectory operators, PasswordEncoder passwords, CaServices ca,
                             uz.eimzo.ra.config.RaProperties raProperties, RefusalText refusals) {
        this.jdbc = jdbc;
        this.operators = operators;
        this.passwords = passwords;
        this.ca = ca;
        this.raProperties = raProperties;
        this.refusals = refusals;
    }

    @GetMapping("/admin")
    String administration(Model model) {
        model.addAttribute("operators", jdbc.sql("""
                select o.id, o.username, o.full_name, c.code, array_to_string(o.roles, ', '), o.enabled, o.totp_confirmed,
                       coalesce(o.locked_until > now(), false)
                from operator o join service_centre c on c.id = o.centre_id order by c.code, o.username""")
                .query((rs, n) -> new OperatorRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8))).list());
        model.addAttribute("centres", centres());
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
        ca.transactions().executeWithoutResult(s -> {
            jdbc.sql("insert into service_centre (code, name, individuals_need_approval) values (?, ?, ?) on conflict (code) do nothing")
                    .params(code, name.strip(), individualsNeedApproval).update();
            audit(admin, "centre.create", "centre:" + code, Map.of("approvalForIndividuals", String.valueOf(individualsNeedApproval)));
        });
        return "redirect:/admin";
    }

    @PostMapping("/admin/centres/{id}/approval")
    String approvalPolicy(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id,
                          @RequestParam boolean individualsNeedApproval) {
        ca.transactions().executeWithoutResult(s -> {
            jdbc.sql("update service_centre set individuals_need_approval = ? where id = ?").params(individualsNeedApproval, id).update();
            audit(admin, "centre.approvalPolicy", "centre:" + id, Map.of("individualsNeedApproval", String.valueOf(individualsNeedApproval)));
        });
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
        ca.transactions().executeWithoutResult(s -> {
            operators.create(centreId, username, fullName.strip(), EnumSet.copyOf(roles), passwords.encode(password));
            audit(admin, "operator.create", "operator:" + username, Map.of("roles", roles.toString(), "centre", String.valueOf(centreId)));
        });
        flash.addFlashAttribute("newOperator", username);
        flash.addFlashAttribute("newPassword", password);
        return "redirect:/admin";
    }

    @PostMapping("/admin/operators/{id}/{change}")
    String changeOperator(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id, @PathVariable String change,
                          RedirectAttributes flash) {
        String sql = switch (change) {
            case "unlock" -> "update operator set failed_attempts = 0, locked_until = null where id = ?";
            case "disable" -> "update operator set enabled = false where id = ?";
            case "enable" -> "update operator set enabled = true where id = ?";
            case "reset-authenticator" -> "update operator set totp_confirmed = false where id = ?";
            default -> null;
        };
        if (sql == null || id == admin.actor().operatorId()) {
            flash.addFlashAttribute("error", refusals.text("admin.error.change"));
            return "redirect:/admin";
        }
        ca.transactions().executeWithoutResult(s -> {
            jdbc.sql(sql).param(id).update();
            audit(admin, "operator." + change, "operator:" + id, Map.of());
        });
        return "redirect:/admin";
    }

    /**
     * Issues an operator's client certificate for the HTTPS port: the key is generated here, packed into a PKCS#12
     * file shown once with its password, and only the certificate's fingerprint is kept on the account.
     */
    @PostMapping("/admin/operators/{id}/client-certificate")
    String clientCertificate(@AuthenticationPrincipal OperatorUser admin, @PathVariable long id, RedirectAttributes flash,
                             jakarta.servlet.http.HttpSession session) {
        var row = jdbc.sql("select o.username, c.code from operator o join service_centre c on c.id = o.centre_id where o.id = ?")
                .param(id).query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional().orElse(null);
        if (row == null) {
            flash.addFlashAttribute("error", refusals.text("admin.error.noOperator"));
            return "redirect:/admin";
        }
        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var issued = ca.issuer().issueService(raProperties.operatorCa(), uz.eimzo.ca.issuance.ServiceProfile.OPERATOR_CLIENT,
                List.of(new uz.eimzo.ca.x509.DnAttribute(uz.eimzo.ca.x509.DnAttribute.CN, row[0]),
                        new uz.eimzo.ca.x509.DnAttribute(uz.eimzo.ca.x509.DnAttribute.O, row[1]),
                        new uz.eimzo.ca.x509.DnAttribute(uz.eimzo.ca.x509.DnAttribute.C, "UZ")),
                List.of(), key.getPublic(), java.time.Period.ofYears(1), admin.getName());
        var bundle = ca.issuer().bundle(issued, key.getPrivate(), "operator-" + row[0] + ".p12", row[0]);
        ca.transactions().executeWithoutResult(s -> {
            jdbc.sql("update operator set client_cert_sha256 = ? where id = ?")
                    .params(uz.eimzo.ca.x509.Certificates.sha256(uz.eimzo.ca.x509.Certificates.der(issued.certificate())), id)
                    .update();
            audit(admin, "operator.clientCertificate", "operator:" + row[0], Map.of("serial", issued.serial().toString(16)));
        });
        session.setAttribute(CLIENT_BUNDLE, bundle);
        flash.addFlashAttribute("newOperator", row[0]);
        flash.addFlashAttribute("newPassword", new String(bundle.password()));
        flash.addFlashAttribute("clientCertificate", bundle.fileName());
        return "redirect:/admin";
    }

    /** The operator's PKCS#12 file, downloadable once by the administrator who issued it. */
    @GetMapping("/admin/client-certificate")
    org.springframework.http.ResponseEntity<byte[]> clientCertificateFile(jakarta.servlet.http.HttpSession session) {
        var bundle = (uz.eimzo.ca.issuance.KeyBundle) session.getAttribute(CLIENT_BUNDLE);
        session.removeAttribute(CLIENT_BUNDLE);
        if (bundle == null) {
            throw new uz.eimzo.ra.home.OneTimePages.Gone("/admin", "nav.admin");
        }
        return org.springframework.http.ResponseEntity.ok()
                .headers(h -> h.setContentDisposition(uz.eimzo.ra.home.Downloads.attachment(bundle.fileName())))
                .header("Cache-Control", "no-store")
                .contentType(org.springframework.http.MediaType.parseMediaType("application/x-pkcs12")).body(bundle.pkcs12());
    }

    private static final String CLIENT_BUNDLE = "operatorClientBundle";

    private List<CentreRow> centres() {
        return jdbc.sql("select id, code, name, individuals_need_approval from service_centre order by code")
                .query((rs, n) -> new CentreRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
    }

    private void audit(OperatorUser admin, String action, String target, Map<String, String> details) {
        ca.audit().record(AuditEvent.success(admin.getName(), action, target, details));
    }
}
