package uz.eimzo.ra.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

import uz.eimzo.ca.audit.AuditCheckpoints;
import uz.eimzo.ca.audit.AuditVerification;

/** The auditor's read-only view of the audit log, newest first, filtered by operator, action or target. */
@Controller
class AuditController {

    /** One audit row as the page shows it. */
    record Row(long id, Instant at, String actor, String action, String outcome, String target, String details) {
    }

    private final JdbcClient jdbc;
    private final AuditCheckpoints checkpoints;

    AuditController(JdbcClient jdbc, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                 @RequestParam(defaultValue = "") String target, Model model) {
        List<Row> rows = jdbc.sql("""
                select id, at, actor, action, outcome, target, details::text from audit_event
                where (? = '' or actor = ?) and (? = '' or action = ?) and (? = '' or target = ?)
                order by id desc limit 500""")
                .params(actor, actor, action, action, target, target)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        model.addAttribute("rows", rows);
        var signed = checkpoints.verify();
        model.addAttribute("verification", new AuditVerification(jdbc).verify(signed));
        model.addAttribute("checkpoints", signed);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        return "audit";
    }
}
