package uz.eimzo.ca.x509;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * An external responder's answer about one certificate, checked: signed by its issuer or the issuer's delegated
 * responder, for this certificate, current, and with the nonce echoed or fresh.
 *
 * @param url            the responder asked
 * @param revoked        whether the certificate is revoked (or on hold, reason certificateHold); else good
 * @param revokedAt      the revocation time, or null when good
 * @param reason         the RFC 5280 CRLReason code the answer gives, or null
 * @param invalidityDate the invalidity date the answer carries as a single extension, or null
 * @param thisUpdate     when the responder knew the status to be so
 * @param nextUpdate     when newer information will be available, or null
 * @param nonce          what became of the nonce
 * @param signedBy       who signed it: the issuing CA or a responder it delegated, with or without ocsp-nocheck
 * @param delegate       the delegated responder's certificate, or null when the issuing CA signed it
 */
public record OcspAnswer(String url, boolean revoked, Instant revokedAt, Integer reason, Instant invalidityDate,
                         Instant thisUpdate, Instant nextUpdate, Nonce nonce, Signer signedBy, X509Certificate delegate) {

    /** Who signed the answer, and so what else the caller must check before believing it (RFC 6960 4.2.2.2.1). */
    public enum Signer {
        /** The issuing CA itself: nothing more to check. */
        ISSUER,
        /** A responder the CA certified with id-pkix-ocsp-nocheck: trusted for its certificate's lifetime. */
        DELEGATE_NOCHECK,
        /** A responder the CA certified without id-pkix-ocsp-nocheck: its own certificate's status is to be checked. */
        DELEGATE
    }

    /** The nonce of the request, as the answer treated it. */
    public enum Nonce {
        /** Sent and echoed unchanged: the answer was made for this request. */
        ECHOED,
        /** Sent and ignored by the responder: believed because the answer is fresh. */
        NOT_ECHOED,
        /** Not sent (the setting is off). */
        NOT_SENT
    }
}
