package uz.eimzo.tsa.signing;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Bouncy Castle's signer interface over the TSA key for one thread's successive tokens: like {@code KeyContentSigner},
 * but the buffer is emptied after each signature, so one token generator can serve a thread's requests in turn.
 * Never shared between threads.
 */
final class ReusableContentSigner implements ContentSigner {

    private final SigningKey key;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    ReusableContentSigner(SigningKey key) {
        this.key = key;
        this.algorithm = new KeyContentSigner(key).getAlgorithmIdentifier();
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        try {
            return key.sign(buffer.toByteArray());
        } finally {
            buffer.reset();
        }
    }
}
