package uz.eimzo.ca.audit;

import java.util.Map;

/**
 * One security-relevant decision: who did what to which target, and whether it succeeded.
 * Details must never hold keys, passwords, one-time codes or full passport numbers.
 */
public record AuditEvent(String actor, String action, boolean success, String target, Map<String, String> details) {

    public AuditEvent {
        details = Map.copyOf(details);
    }

    public static AuditEvent success(String actor, String action, String target, Map<String, String> details) {
        return new AuditEvent(actor, action, true, target, details);
    }

    public static AuditEvent failure(String actor, String action, String target, Map<String, String> details) {
        return new AuditEvent(actor, action, false, target, details);
    }
}
