package uz.eimzo.ca.revocation;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A certificate as the database holds it; {@code certificate} is null only while PENDING. */
public record CertificateRecord(
        int caId,
        BigInteger serial,
        CertificateStatus status,
        String subjectDn,
        Instant notBefore,
        Instant notAfter,
        String profile,
        String requester,
        String pinfl,
        String stir,
        X509Certificate certificate,
        Instant revokedAt,
        RevocationReason revocationReason,
        Instant invalidityDate,
        long revision) {

    /** Good and within its validity at {@code now}. */
    public boolean validAt(Instant now) {
        return status == CertificateStatus.GOOD && !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }
}
