package uz.eimzo.tsa.signing;

import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.tsa.encoding.TokenSigner;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** The TSA key with the certificate the CA gave it. */
public record TsaSigner(String alias, SigningKey key, X509Certificate certificate) implements TokenSigner {

    /** A signer for one signature (it buffers what it signs): what the encoding code gets instead of the key. */
    @Override
    public ContentSigner contentSigner() {
        return new KeyContentSigner(key);
    }

    @Override
    public ContentSigner reusableContentSigner() {
        return new ReusableContentSigner(key);
    }

    /** The key's algorithm, which decides the token's content digest. */
    @Override
    public KeyAlgorithm algorithm() {
        return key.algorithm();
    }

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
