package uz.eimzo.ca.revocation;

import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Revokes, suspends (certificateHold) and restores certificates. Each change takes a new revision number
 * and notifies listeners on channel {@value #CHANNEL}, so responders drop cached answers at once.
 */
public final class Revocations {

    /** PostgreSQL NOTIFY channel carrying {@code caId:serialHex} for every status change. */
    public static final String CHANNEL = "certificate_status";

    private final RevocationStore store;
    private final TransactionTemplate tx;
    private final CaDirectory cas;
    private final AuditLog audit;
    private final Clock clock;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with the CA's name after every committed status change, whoever made it (operators,
     * the API, CMP, self-service): e.g. to publish a delta CRL at once.
     */
    public void onStatusChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private final List<Consumer<StatusChange>> changeListeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} with what changed after every committed status change, e.g. to count revocations. */
    public void onChange(Consumer<StatusChange> listener) {
        changeListeners.add(listener);
    }

    public Revocations(RevocationStore store, TransactionTemplate tx, CaDirectory cas, AuditLog audit, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.cas = cas;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Revokes for good. A suspended certificate may be revoked; certificateHold and removeFromCRL are not
     * reasons for this operation (use {@link #suspend} and {@link #restore}).
     *
     * @param invalidityDate when the key is known or suspected to have been compromised, or null
     */
    public CertificateRecord revoke(String caName, BigInteger serial, RevocationReason reason, Instant invalidityDate,
                                    String actor) {
        if (reason == RevocationReason.CERTIFICATE_HOLD || reason == RevocationReason.REMOVE_FROM_CRL) {
            throw new RevocationException("revocation.reason", "Reason " + reason + " is not a revocation; suspend or restore instead");
        }
        if (reason == RevocationReason.CA_COMPROMISE) {
            // Only end-entity certificates live here; a CA's compromise is a ceremony, not a request.
            throw new RevocationException("revocation.reason", "cACompromise (2) is for CA certificates; this is an end-entity certificate");
        }
        return change(caName, serial, actor, "certificate.revoke", current -> {
            if (current.status() == CertificateStatus.REVOKED) {
                throw new RevocationException("revocation.already", "The certificate is already revoked");
            }
            if (invalidityDate != null && invalidityDate.isAfter(clock.instant())) {
                throw new RevocationException("revocation.invalidityDate", "The invalidity date cannot be in the future");
            }
            return new Change(CertificateStatus.REVOKED, reason, invalidityDate);
        });
    }

    /** Suspends a good certificate (reason certificateHold); it can be restored later. */
    public CertificateRecord suspend(String caName, BigInteger serial, String actor) {
        return change(caName, serial, actor, "certificate.suspend", current -> {
            if (current.status() != CertificateStatus.GOOD) {
                throw new RevocationException("suspension.status", "Only a good certificate can be suspended; this one is " + current.status());
            }
            return new Change(CertificateStatus.HOLD, RevocationReason.CERTIFICATE_HOLD, null);
        });
    }

    /** Lifts a suspension: the certificate is good again (delta CRLs list it with removeFromCRL). */
    public CertificateRecord restore(String caName, BigInteger serial, String actor) {
        return change(caName, serial, actor, "certificate.restore", current -> {
            if (current.status() != CertificateStatus.HOLD) {
                throw new RevocationException("restore.status", "Only a suspended certificate can be restored; this one is " + current.status());
            }
            return new Change(CertificateStatus.GOOD, null, null);
        });
    }

    private record Change(CertificateStatus status, RevocationReason reason, Instant invalidityDate) {
    }

    private interface Rule {
        Change decide(CertificateRecord current);
    }

    private CertificateRecord change(String caName, BigInteger serial, String actor, String action, Rule rule) {
        CertificateAuthority ca = cas.require(caName);
        String target = ca.name() + ":" + serial.toString(16);
        StatusChange[] changes = new StatusChange[1];
        try {
            CertificateRecord changed = tx.execute(status -> {
                CertificateRecord current = store.lockIssued(ca.id(), serial)
                        .orElseThrow(() -> new RevocationException("certificate.unknown",
                                "No certificate with serial " + serial.toString(16) + " under CA " + caName));
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                Change change = rule.decide(current);
                boolean restoring = change.status() == CertificateStatus.GOOD;
                store.changeStatus(ca.id(), serial, change.status(), restoring ? null : now, change.reason(),
                        change.invalidityDate());
                Map<String, String> details = new LinkedHashMap<>();
                details.put("from", current.status().name());
                details.put("to", change.status().name());
                if (change.reason() != null) {
                    details.put("reason", change.reason().name());
                }
                audit.record(AuditEvent.success(actor, action, target, details));
                changes[0] = new StatusChange(ca.name(), serial, current.status(), change.status(), change.reason());
                return store.find(ca.id(), serial).orElseThrow();
            });
            for (var listener : changeListeners) {
                try {
                    listener.accept(changes[0]);
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Revocations.class).warn("Status-change listener failed: {}", e.toString());
                }
            }
            for (var listener : listeners) {
                try {
                    listener.accept(ca.name());
                } catch (RuntimeException e) {
                    // The change is committed and OCSP already answers it; a listener's trouble must not undo that.
                    LoggerFactory.getLogger(Revocations.class).warn("Status-change listener failed: {}", e.toString());
                }
            }
            return changed;
        } catch (RevocationException refused) {
            tx.executeWithoutResult(status -> audit.record(AuditEvent.failure(actor, action, target,
                    Map.of("code", refused.code(), "reason", refused.getMessage()))));
            throw refused;
        }
    }
}
