package uz.eimzo.ca.registration;

import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.KeyBundle;

/** What issuing a request produced: the certificate, and the PKCS#12 file when the key was made here. */
public record IssuanceOutcome(long requestId, IssuedCertificate certificate, KeyBundle keyBundle) {
}
