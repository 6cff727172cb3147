package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.CertificateAuthority;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

/** A certificate that is signed and stored; the only thing issuance returns. */
public record IssuedCertificate(CertificateAuthority ca, X509Certificate certificate, String profile) {

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }
}
