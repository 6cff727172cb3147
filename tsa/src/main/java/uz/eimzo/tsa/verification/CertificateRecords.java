package uz.eimzo.tsa.verification;

import uz.eimzo.ca.x509.Certificates;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** The status of certificates our CAs issued, from table {@code certificate}: the same records OCSP answers from. */
public final class CertificateRecords {

    private final CertificateRecordStore store;

    public CertificateRecords(CertificateRecordStore store) {
        this.store = store;
    }

    /**
     * The certificate's status at {@code signingTime} and now. A certificate counts as revoked from its invalidity
     * date when that is earlier than the revocation (the key was compromised before anyone said so).
     */
    public StatusReport status(int caId, X509Certificate certificate, Instant signingTime) {
        Optional<CertificateRecordStore.Row> found = store.find(caId, certificate.getSerialNumber());
        if (found.isEmpty() || found.get().der() == null
                || !Arrays.equals(found.get().der(), Certificates.der(certificate))) {
            return new StatusReport("CA_RECORDS", CertificateState.NOT_IN_RECORDS, CertificateState.NOT_IN_RECORDS,
                    null, null, null, null);
        }
        CertificateRecordStore.Row row = found.get();
        CertificateState now = switch (row.status()) {
            case "REVOKED" -> CertificateState.REVOKED;
            case "HOLD" -> CertificateState.SUSPENDED;
            default -> CertificateState.GOOD;
        };
        if (now == CertificateState.GOOD) {
            return new StatusReport("CA_RECORDS", CertificateState.GOOD, now, null, null, null, null);
        }
        Instant since = row.invalidityDate() != null && row.invalidityDate().isBefore(row.revokedAt())
                ? row.invalidityDate() : row.revokedAt();
        CertificateState then = signingTime.isBefore(since) ? CertificateState.GOOD : now;
        return new StatusReport("CA_RECORDS", then, now, row.revokedAt(), row.invalidityDate(), since, row.reason());
    }
}
