package uz.eimzo.ocsp.signing;

import uz.eimzo.ca.keys.SigningKey;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A delegated responder key with the certificate the CA gave it, for one CA. */
public record ResponderSigner(int caId, String alias, SigningKey key, X509Certificate certificate, byte[] keyHash) {

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
