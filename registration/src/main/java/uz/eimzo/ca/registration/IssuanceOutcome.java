package uz.eimzo.ca.registration;

import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.KeyBundle;

/**
 * What issuing a request produced: the certificate, the PKCS#12 file when the key was made here, and the revocation
 * code the applicant keeps to revoke a lost key from home (shown once; only its hash is stored).
 */
public record IssuanceOutcome(long requestId, IssuedCertificate certificate, KeyBundle keyBundle, String revocationCode) {
}
