package uz.eimzo.ocsp.responding;

import java.time.Duration;

/** Told about every OCSP answer and response-cache look-up, e.g. to count and time them; must be quick and not throw. */
public interface OcspObserver {

    /** Observes nothing: the default. */
    OcspObserver NONE = new OcspObserver() {
        @Override
        public void answered(Outcome outcome, Duration took) {
        }

        @Override
        public void cache(boolean hit) {
        }
    };

    /** What one OCSP request got: the certificate status of a successful answer, or the error status. */
    enum Outcome {
        GOOD("good"), REVOKED("revoked"), UNKNOWN("unknown"), MALFORMED("malformed"), UNAUTHORIZED("unauthorized"),
        TRY_LATER("tryLater"), INTERNAL_ERROR("internalError");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        /** The name monitoring tags carry (RFC 6960 spelling for error statuses). */
        public String tag() {
            return tag;
        }
    }

    /** @param took from receiving the request bytes to the encoded (signed or cached) response */
    void answered(Outcome outcome, Duration took);

    /** A cacheable request (no nonce, one certificate) was answered from the cache, or had to be signed afresh. */
    void cache(boolean hit);

    /** A cacheable request was answered with an answer signed ahead of time (it is then no cache look-up). */
    default void presigned() {
    }
}
