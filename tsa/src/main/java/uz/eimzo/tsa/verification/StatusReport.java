package uz.eimzo.tsa.verification;

import java.time.Instant;

/**
 * The signer's certificate status at signing time and now.
 *
 * @param source           where the answer comes from: our records ({@code CA_RECORDS}), an external CA's CRL
 *                         ({@code CRL}) or nowhere ({@code NOT_CHECKED})
 * @param revokedAt        when it was revoked or suspended, per our records or the CRL
 * @param effectiveSince   from when it counts as revoked: the invalidity date when earlier than {@code revokedAt}
 * @param revocationReason the RFC 5280 CRLReason code, or null
 */
public record StatusReport(String source, CertificateState atSigningTime, CertificateState now, Instant revokedAt,
                           Instant invalidityDate, Instant effectiveSince, Integer revocationReason) {

    static StatusReport notChecked() {
        return new StatusReport("NOT_CHECKED", CertificateState.NOT_CHECKED, CertificateState.NOT_CHECKED, null, null,
                null, null);
    }
}
