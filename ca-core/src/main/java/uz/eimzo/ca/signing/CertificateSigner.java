package uz.eimzo.ca.signing;

import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.SignatureChecks;

import java.security.cert.X509Certificate;

/** Puts the CA key's signature on a recorded TBS and checks it, so a faulty HSM never yields a bad certificate. */
final class CertificateSigner {

    private CertificateSigner() {
    }

    static X509Certificate sign(RecordedTbs recorded, SigningKey key) {
        byte[] signature = key.sign(recorded.linted().tbs().encoded());
        X509Certificate certificate = Certificates.assemble(recorded.linted(), signature);
        if (!SignatureChecks.issuerSignatureVerifies(certificate, key.publicKey())) {
            throw new SignatureNotVerified("The CA key produced a certificate signature that does not verify");
        }
        return certificate;
    }
}
