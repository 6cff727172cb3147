package uz.eimzo.ca.issuance;

import java.time.Duration;

/**
 * Told about every signing decision of the {@link Issuer}, e.g. to count and time them for monitoring. Called after
 * the decision is committed (or refused); an observer must be quick and must not throw.
 */
public interface IssuanceObserver {

    /** What became of one attempt to certify a key. */
    enum Outcome {
        /** Certified and stored. */
        ISSUED,
        /** Refused by the CA's rules (key type, lint, key reuse...): nothing was signed. */
        REFUSED,
        /** Could not be completed: the CA key or the database failed. */
        FAILED
    }

    /**
     * @param profile the certificate profile (or service profile, {@code sub-ca}, {@code ocsp-responder}); always one
     *                the CA knows, never free text from a request
     * @param took    from opening the CA key to the end of the decision
     */
    void observed(String profile, Outcome outcome, Duration took);
}
