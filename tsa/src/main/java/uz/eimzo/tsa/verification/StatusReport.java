package uz.eimzo.tsa.verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The signer's certificate status at signing time and now.
 *
 * @param source           where the answer comes from: our records ({@code CA_RECORDS}), an external CA's OCSP
 *                         responder ({@code OCSP}) or CRL ({@code CRL}), or nowhere ({@code NOT_CHECKED})
 * @param revokedAt        when it was revoked or suspended, per our records, the OCSP answer or the CRL
 * @param effectiveSince   from when it counts as revoked: the invalidity date when earlier than {@code revokedAt}
 * @param revocationReason the RFC 5280 CRLReason code, or null
 * @param answered         for an external source that answered: its URL and times; null otherwise
 * @param unanswered       the external sources asked that gave no usable answer, and why, in the order asked
 */
public record StatusReport(String source, CertificateState atSigningTime, CertificateState now, Instant revokedAt,
                           Instant invalidityDate, Instant effectiveSince, Integer revocationReason,
                           Answered answered, List<NotChecked> unanswered) {

    /** CRLReason certificateHold: suspended, may be restored. */
    static final int CERTIFICATE_HOLD = 6;

    /**
     * What an external source said about itself.
     *
     * @param url        the OCSP responder or CRL distribution point
     * @param thisUpdate when the source knew the status to be so
     * @param nextUpdate when newer information will be available, or null
     * @param nonce      for OCSP: {@code ECHOED}, {@code NOT_ECHOED} (believed because fresh) or {@code NOT_SENT}
     * @param responder  for OCSP, who signed: {@code ISSUER}, {@code DELEGATE_NOCHECK} (a delegate with
     *                   id-pkix-ocsp-nocheck), or a delegate without it whose own certificate's status the CA's CRL
     *                   gave as good ({@code DELEGATE_GOOD}) or could not give ({@code DELEGATE_NOT_CHECKED}); null
     *                   for a CRL
     */
    public record Answered(String url, Instant thisUpdate, Instant nextUpdate, String nonce, String responder) {

        /** A CRL's: no nonce, no responder. */
        Answered(String url, Instant thisUpdate, Instant nextUpdate) {
            this(url, thisUpdate, nextUpdate, null, null);
        }
    }

    /** An external source asked without a usable answer ({@code source} {@code OCSP} or {@code CRL}). */
    public record NotChecked(String source, String url, Unchecked reason) {
    }

    public StatusReport {
        unanswered = List.copyOf(unanswered);
    }

    /** A status from our own records. */
    StatusReport(String source, CertificateState atSigningTime, CertificateState now, Instant revokedAt,
                 Instant invalidityDate, Instant effectiveSince, Integer revocationReason) {
        this(source, atSigningTime, now, revokedAt, invalidityDate, effectiveSince, revocationReason, null, List.of());
    }

    static StatusReport notChecked() {
        return notChecked(List.of());
    }

    static StatusReport notChecked(List<NotChecked> why) {
        return new StatusReport("NOT_CHECKED", CertificateState.NOT_CHECKED, CertificateState.NOT_CHECKED, null, null,
                null, null, null, why);
    }

    /**
     * An external source's answer: good when {@code revokedAt} is null; else revoked (suspended for certificateHold)
     * from the invalidity date when earlier, judged at {@code reference} like our own records.
     */
    static StatusReport external(String source, Answered answered, Instant reference, Instant revokedAt,
                                 Instant invalidity, Integer reason) {
        if (revokedAt == null) {
            return new StatusReport(source, CertificateState.GOOD, CertificateState.GOOD, null, null, null, null,
                    answered, List.of());
        }
        CertificateState now = reason != null && reason == CERTIFICATE_HOLD ? CertificateState.SUSPENDED
                : CertificateState.REVOKED;
        Instant since = invalidity != null && invalidity.isBefore(revokedAt) ? invalidity : revokedAt;
        CertificateState then = reference.isBefore(since) ? CertificateState.GOOD : now;
        return new StatusReport(source, then, now, revokedAt, invalidity, since, reason, answered, List.of());
    }

    /** The same status, with {@code earlier} (sources asked before this one) listed first. */
    StatusReport after(List<NotChecked> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<NotChecked> all = new ArrayList<>(earlier);
        all.addAll(unanswered);
        return new StatusReport(source, atSigningTime, now, revokedAt, invalidityDate, effectiveSince,
                revocationReason, answered, all);
    }
}
