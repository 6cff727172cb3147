package uz.eimzo.tsa.signing;

import uz.eimzo.ca.keys.SigningKey;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** The TSA key with the certificate the CA gave it. */
public record TsaSigner(String alias, SigningKey key, X509Certificate certificate) {

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }
}
