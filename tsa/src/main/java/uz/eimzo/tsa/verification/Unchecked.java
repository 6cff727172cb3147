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
    /** The CRL could not be fetched: no answer, an HTTP error, not an http URL. */
    CRL_UNREACHABLE,
    /** The CRL was fetched and not believed: too large, not a CRL, another issuer's, forged, out of date. */
    CRL_INVALID,
    /** The certificate names no OCSP responder and no CRL distribution point the configured order may ask. */
    NO_STATUS_SOURCE;

    static Unchecked of(UnusableOcspException.Reason reason) {
        return valueOf(reason.name());
    }

    static Unchecked of(UnusableCrlException.Reason reason) {
        return switch (reason) {
            case NOT_HTTP, UNREACHABLE, HTTP_STATUS -> CRL_UNREACHABLE;
            case TOO_LARGE, NOT_A_CRL, WRONG_ISSUER, FORGED, NOT_CURRENT -> CRL_INVALID;
        };
    }
}
