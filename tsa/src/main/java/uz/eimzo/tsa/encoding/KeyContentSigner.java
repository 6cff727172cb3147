package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Bouncy Castle's signer contract over the project's {@link SigningKey}: the key never leaves its PKCS#12 file or
 * token, and the algorithm identifier comes from the core's table, which knows the national algorithm. One
 * instance per token: it buffers what it signs.
 */
final class KeyContentSigner implements ContentSigner {

    private final SigningKey key;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    KeyContentSigner(SigningKey key) {
        this.key = key;
        this.algorithm = AlgorithmIdentifier.getInstance(Certificates.signatureAlgorithmIdentifier(key.signatureAlgorithm()));
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
        return key.sign(buffer.toByteArray());
    }
}
