package uz.eimzo.ocsp.protocol;

import java.time.Instant;

/**
 * What the responder says about one certificate.
 *
 * @param revokedAt  for REVOKED, when
 * @param reason     for REVOKED, the CRL reason code, or null when none is recorded
 */
public record Answer(CertId id, State state, Instant revokedAt, Integer reason, Instant thisUpdate, Instant nextUpdate) {

    /** The three OCSP certificate statuses. */
    public enum State { GOOD, REVOKED, UNKNOWN }
}
