package uz.eimzo.ca.x509;

/**
 * An OCSP answer that could not be had or is not to be believed, and why. Like {@link UnusableCrlException}, every
 * reason is a plain outcome the caller reports ("not checked: …"), never a crash and never a guessed status.
 */
public final class UnusableOcspException extends Exception {

    /** Why there is no usable answer. */
    public enum Reason {
        /** The responder's URL is not plain http (https, ldap, …): not asked. */
        NOT_PLAIN_HTTP,
        /** No connection or no answer within the timeouts. */
        RESPONDER_UNREACHABLE,
        /** An HTTP status other than 200, or an OCSP responseStatus other than successful (tryLater, unauthorized, …). */
        RESPONDER_ERROR,
        /** Larger than the byte limit. */
        RESPONSE_TOO_LARGE,
        /** The bytes are not an OCSP response with a basic response. */
        RESPONSE_MALFORMED,
        /** Signed neither by the issuing CA nor by an OCSP-signing responder it certified, or the signature does not verify. */
        RESPONSE_SIGNATURE_INVALID,
        /** It answers for another certificate than the one asked about. */
        WRONG_CERTIFICATE,
        /** Its thisUpdate is ahead of our clock (beyond the skew) or its nextUpdate has passed. */
        RESPONSE_NOT_CURRENT,
        /** It carries a nonce other than the one sent: an answer to another request. */
        NONCE_MISMATCH,
        /** It ignored the nonce sent and is older than a fresh answer may be: it may be a replay. */
        RESPONSE_NOT_FRESH,
        /** A valid answer saying the responder does not know the certificate: never taken for good. */
        STATUS_UNKNOWN
    }

    private final Reason reason;

    public UnusableOcspException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnusableOcspException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
