package uz.eimzo.tsa.verification;

import uz.eimzo.ca.x509.UnusableCrlException;
import uz.eimzo.ca.x509.UnusableOcspException;

/**
 * Why an external CA's certificate status was not checked by one source: each is reported ("not checked: …", message
 * keys {@code tsa.status.notChecked.<name>}), none is ever read as "good".
 */
public enum Unchecked {
    NOT_PLAIN_HTTP,
    RESPONDER_UNREACHABLE,
    RESPONDER_ERROR,
    RESPONSE_TOO_LARGE,
    RESPONSE_MALFORMED,
    RESPONSE_SIGNATURE_INVALID,
    WRONG_CERTIFICATE,
    RESPONSE_NOT_CURRENT,
    NONCE_MISMATCH,
    RESPONSE_NOT_FRESH,
    STATUS_UNKNOWN,
    /**
     * The answer was signed by a responder the CA delegated without id-pkix-ocsp-nocheck, and that responder's own
     * certificate is revoked or on hold per the CA's CRL (RFC 6960 4.2.2.2.1): not believed.
     */
    RESPONDER_REVOKED,
    /** The CRL could not be fetched: no answer, an HTTP error, not an http URL. */
    CRL_UNREACHABLE,
    /** The CRL was fetched and not believed: too large, not a CRL, another issuer's, forged, out of date. */
    CRL_INVALID,
    /** The certificate names no OCSP responder and no CRL distribution point the configured order may ask. */
    NO_STATUS_SOURCE;

    /** Spelled out (not by name) so that a new reason in ca-crypto fails this switch at compile time, not at run time. */
    static Unchecked of(UnusableOcspException.Reason reason) {
        return switch (reason) {
            case NOT_PLAIN_HTTP -> NOT_PLAIN_HTTP;
            case RESPONDER_UNREACHABLE -> RESPONDER_UNREACHABLE;
            case RESPONDER_ERROR -> RESPONDER_ERROR;
            case RESPONSE_TOO_LARGE -> RESPONSE_TOO_LARGE;
            case RESPONSE_MALFORMED -> RESPONSE_MALFORMED;
            case RESPONSE_SIGNATURE_INVALID -> RESPONSE_SIGNATURE_INVALID;
            case WRONG_CERTIFICATE -> WRONG_CERTIFICATE;
            case RESPONSE_NOT_CURRENT -> RESPONSE_NOT_CURRENT;
            case NONCE_MISMATCH -> NONCE_MISMATCH;
            case RESPONSE_NOT_FRESH -> RESPONSE_NOT_FRESH;
            case STATUS_UNKNOWN -> STATUS_UNKNOWN;
        };
    }

    static Unchecked of(UnusableCrlException.Reason reason) {
        return switch (reason) {
            case NOT_HTTP, UNREACHABLE, HTTP_STATUS -> CRL_UNREACHABLE;
            case TOO_LARGE, NOT_A_CRL, WRONG_ISSUER, FORGED, NOT_CURRENT -> CRL_INVALID;
        };
    }
}
