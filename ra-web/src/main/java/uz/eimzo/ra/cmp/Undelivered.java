package uz.eimzo.ra.cmp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.issuance.IssuedCertificate;

import java.util.Map;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/**
 * Undoes an issuance whose answer could not be produced: the client was told it failed, so the certificate must not
 * stay valid. The certificate is revoked (cessationOfOperation: it never went into use) and the reason audited. If
 * even that fails, its open CMP transaction is revoked by the overdue-confirmation job when the window closes.
 */
final class Undelivered {

    private static final Logger log = LoggerFactory.getLogger(Undelivered.class);

    private final CaServices ca;

    Undelivered(CaServices ca) {
        this.ca = ca;
    }

    /** Revokes and audits; returns the refusal the client gets. */
    CmpFailure undo(Exchange exchange, IssuedCertificate issued, RuntimeException cause) {
        String serial = issued.serial().toString(16);
        log.error("CMP answer for new certificate {} of {} could not be produced; revoking it", serial, issued.ca().name(), cause);
        try {
            // The revocation is committed (and audited) first: should the second row fail, the certificate is still dead.
            ca.revocations().revoke(issued.ca().name(), issued.serial(), RevocationReason.CESSATION_OF_OPERATION, null,
                    "cmp:undelivered");
            ca.audit().recordAlone(AuditEvent.failure("cmp:" + exchange.claimedSender(), "cmp.answer.undelivered",
                        "certificate:" + issued.ca().name() + ":" + serial, Map.of("revoked", "true",
                            "cause", String.valueOf(cause.getClass().getSimpleName() + ": " + cause.getMessage()))));
        } catch (RuntimeException undoFailed) {
            log.error("Could not revoke undelivered certificate {} of {}; the overdue-confirmation job will", serial,
                    issued.ca().name(), undoFailed);
        }
        return new CmpFailure(PKIFailureInfo.systemFailure,
                "The CA could not produce its answer; the certificate it had made (serial " + serial
                        + ") was revoked and is not valid. Try again later");
    }
}
