package uz.eimzo.ra.audit;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ra.home.Dates;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The auditor's read-only view of the audit log, newest first, filtered by operator, action or target. Actions,
 * outcomes and the names of details are shown in the reader's language (codes stay in the log itself), and the action
 * filter takes either a code or words of its name.
 */
@Controller
class AuditController {

    /** One audit row as the page shows it. */
    record Row(long id, Instant at, String actor, String action, String actionText, String outcome, String target,
               List<Detail> details) {
    }

    /** One detail of a row: its name in the reader's language and its value as recorded. */
    record Detail(String name, String value) {
    }

    /** Actions with a name in the bundles ({@code auditAction.<code>}); others are shown by their code. */
    static final List<String> NAMED_ACTIONS = List.of("request.register", "request.submit", "request.approve",
            "request.reject", "request.issue", "certificate.issue", "certificate.revoke", "certificate.suspend",
            "certificate.restore", "certificate.renew", "enrollment.code.create", "scan.attach", "scan.view",
            "applicant.document.view", "applicant.version", "organisation.version", "operator.signIn", "operator.create",
            "operator.unlock", "operator.disable", "operator.enable", "operator.reset-authenticator",
            "operator.clientCertificate", "centre.create", "centre.approvalPolicy", "crl.full.issue", "crl.delta.issue",
            "apiToken.create", "apiToken.revoke");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final AuditVerification verification;
    private final MessageSource messages;
    private final Dates dates;

    AuditController(CaServices ca, AuditCheckpoints checkpoints, AuditVerification verification, MessageSource messages,
                    Dates dates) {
        this.log = ca.audit();
        this.checkpoints = checkpoints;
        this.verification = verification;
        this.messages = messages;
        this.dates = dates;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                 @RequestParam(defaultValue = "") String target, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        String[] actions = matchingActions(action.strip(), locale);
        List<Row> rows = log.recent(actor, List.of(actions), target, 500).stream()
                .map(e -> new Row(e.id(), e.at(), e.actor(), e.action(), actionText(e.action(), locale), e.outcome(),
                        e.target(), details(e.details(), locale)))
                .toList();
        model.addAttribute("rows", rows);
        var signed = checkpoints.verify();
        model.addAttribute("verification", verification.verify(signed));
        model.addAttribute("checkpoints", signed);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        model.addAttribute("namedActions", NAMED_ACTIONS.stream().map(code -> Map.entry(code, actionText(code, locale))).toList());
        return "audit";
    }

    /** The codes a typed filter means: the code itself, and every named action whose name or code contains the words. */
    private String[] matchingActions(String typed, Locale locale) {
        List<String> codes = new ArrayList<>(List.of(typed));
        String words = typed.toLowerCase(locale);
        for (String code : NAMED_ACTIONS) {
            if (!words.isEmpty() && (code.contains(words) || actionText(code, locale).toLowerCase(locale).contains(words))) {
                codes.add(code);
            }
        }
        return codes.toArray(String[]::new);
    }

    private String actionText(String code, Locale locale) {
        return messages.getMessage("auditAction." + code, null, code, locale);
    }

    /** The row's details (a flat JSON object) with each name in the reader's language where the bundles have it. */
    private List<Detail> details(String json, Locale locale) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        Map<String, Object> values;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JSON.readValue(json, LinkedHashMap.class);
            values = read;
        } catch (RuntimeException notAnObject) {
            return List.of(new Detail("", json));
        }
        List<Detail> details = new ArrayList<>();
        values.forEach((name, value) -> details.add(new Detail(
                messages.getMessage("auditDetail." + name, null, name, locale), shown(String.valueOf(value)))));
        return details;
    }

    /** A recorded value; an ISO instant (an expiry, a date) is written as every page writes moments. */
    private String shown(String value) {
        try {
            return value.length() >= 20 && value.charAt(4) == '-' ? dates.time(Instant.parse(value)) : value;
        } catch (DateTimeParseException notAMoment) {
            return value;
        }
    }
}
