package uz.eimzo.ca.x509;

/**
 * A CRL that could not be read or is not to be believed, and why: the caller decides what that means (refuse, or
 * report the status as not checked), so every reason is a plain outcome, never a crash.
 */
public final class UnusableCrlException extends Exception {

    /** Why the CRL is unusable. */
    public enum Reason {
        /** Not an http(s) URL. */
        NOT_HTTP,
        /** No answer within the timeout, or the connection failed. */
        UNREACHABLE,
        /** An answer other than 200 (redirects included: they are not followed). */
        HTTP_STATUS,
        /** Larger than the byte limit. */
        TOO_LARGE,
        /** The bytes are not a CRL (DER or PEM). */
        NOT_A_CRL,
        /** The CRL names another issuer. */
        WRONG_ISSUER,
        /** The issuer's key does not verify the CRL's signature. */
        FORGED,
        /** Its nextUpdate has passed, or its thisUpdate is still ahead. */
        NOT_CURRENT
    }

    private final Reason reason;

    public UnusableCrlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnusableCrlException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
