package uz.eimzo.ra.cmp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.storage.CmpTransactionStore;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.revocation.RevocationReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Revokes certificates whose certConf never came within the confirmation window: the client did not accept them
 * (RFC 4210 5.3.18, RFC 9483 4.1), so they must not stay valid. Each transaction is closed and its certificate revoked
 * in one database transaction, and audited; the close is conditional, so a late certConf and this job cannot both win.
 */
public final class OverdueConfirmations {

    private static final Logger log = LoggerFactory.getLogger(OverdueConfirmations.class);
    private static final int BATCH = 500;

    private final CaServices ca;
    private final CmpTransactionStore transactions;
    private final Duration window;
    private final Clock clock;

    public OverdueConfirmations(CaServices ca, Duration window, Clock clock) {
        this.ca = ca;
        this.transactions = ca.cmpTransactions();
        this.window = window;
        this.clock = clock;
    }

    /** Revokes every certificate still unconfirmed past the window; returns how many were revoked. */
    public int revokeOverdue() {
        int revoked = 0;
        Instant now = clock.instant();
        for (CmpTransactionStore.Pending pending : transactions.overdue(now.minus(window), BATCH)) {
            String serial = pending.serial().toString(16);
            try {
                String caName = ca.authoritiesDirectory().byId(pending.caId()).orElseThrow().name();
                boolean[] revokedNow = new boolean[1];
                transactions.close(pending.transactionId(), false, now, () -> {
                    boolean good = ca.certificates().find(pending.caId(), pending.serial())
                            .map(r -> r.status() != CertificateStatus.REVOKED).orElse(false);
                    if (good) {
                        ca.revocations().revoke(caName, pending.serial(), RevocationReason.CESSATION_OF_OPERATION, null,
                                "cmp:confirmation-timeout");
                    }
                    ca.audit().record(AuditEvent.success("cmp:confirmation-timeout", "cmp.confirm.timeout",
                            "certificate:" + caName + ":" + serial, Map.of("transaction",
                                    HexFormat.of().formatHex(pending.transactionId()), "issuedAt", pending.createdAt().toString(),
                                    "revoked", Boolean.toString(good))));
                    revokedNow[0] = good;
                });
                if (revokedNow[0]) {
                    revoked++;
                }
            } catch (RuntimeException e) {
                // One bad row must not stop the others; it is tried again at the next round.
                log.error("Could not revoke unconfirmed certificate {} of CA {}", serial, pending.caId(), e);
            }
        }
        if (revoked > 0) {
            log.info("Revoked {} certificate(s) whose CMP certConf never came within {}", revoked, window);
        }
        return revoked;
    }
}
