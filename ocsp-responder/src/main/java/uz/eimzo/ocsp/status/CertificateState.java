package uz.eimzo.ocsp.status;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A certificate's status as the CA recorded it.
 *
 * @param status GOOD, REVOKED, HOLD, or UNKNOWN when we never issued (or have not finished issuing) the serial
 */
public record CertificateState(BigInteger serial, String status, Instant revokedAt, Integer reason) {

    public static CertificateState unknown(BigInteger serial) {
        return new CertificateState(serial, "UNKNOWN", null, null);
    }
}
