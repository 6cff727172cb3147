package uz.eimzo.ocsp.signing;

import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A delegated responder key with the certificate the CA gave it, for one CA. */
public record ResponderSigner(int caId, String alias, SigningKey key, X509Certificate certificate, byte[] keyHash) {

    /** A signer for one response (it buffers what it signs): what the protocol code gets instead of the key. */
    public ContentSigner contentSigner() {
        return new KeyContentSigner(key);
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
