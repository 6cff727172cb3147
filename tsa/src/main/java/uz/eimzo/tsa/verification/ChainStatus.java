package uz.eimzo.tsa.verification;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate's status at a moment and now, wherever its chain says to look: our own records when our CA issued it,
 * its issuer's OCSP responder or CRL when a CA we recognise did ({@link ExternalStatus}), not checked otherwise. The
 * same for a signer's certificate and for the TSA certificate of a signer's time-stamp token.
 */
final class ChainStatus {

    private final CertificateRecords records;
    private final ExternalStatus external;

    ChainStatus(CertificateRecords records, ExternalStatus external) {
        this.records = records;
        this.external = external;
    }

    StatusReport of(CertificateChain chain, X509Certificate certificate, Instant reference) {
        if (chain.issuer() != null && chain.issuer().kind() == Anchor.Kind.OURS) {
            return records.status(chain.issuer().id(), certificate, reference);
        }
        if (chain.anchored() && chain.certificates().size() > 1) {
            return external.status(certificate, chain.certificates().get(1), reference);
        }
        return StatusReport.notChecked();
    }
}
