package uz.eimzo.ra.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.audit.AuditVerification;

import java.util.List;

import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ca.audit.AuditVerification;

/** The auditor's read-only view of the audit log, newest first, filtered by operator, action or target. */
@Controller
class AuditController {

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final AuditVerification verification;

    AuditController(CaServices ca, AuditCheckpoints checkpoints, AuditVerification verification) {
        this.log = ca.audit();
        this.checkpoints = checkpoints;
        this.verification = verification;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                 @RequestParam(defaultValue = "") String target, Model model) {
        List<AuditLog.Entry> rows = log.recent(actor, action, target, 500);
        model.addAttribute("rows", rows);
        var signed = checkpoints.verify();
        model.addAttribute("verification", verification.verify(signed));
        model.addAttribute("checkpoints", signed);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        return "audit";
    }
}
