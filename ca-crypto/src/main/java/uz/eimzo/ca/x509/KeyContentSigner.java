package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.SigningKey;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bouncy Castle's signer interface over a {@link SigningKey} (PKCS#12, PKCS#11 or memory), in the key's own
 * algorithm: CMP protection, OCSP responses, time-stamp tokens and the responders' own certification requests all
 * sign through it. The AlgorithmIdentifier comes from the core's table, as for certificates and CRLs, so the Uzbek
 * national algorithm is named by its OID instead of being looked up by a JCA name Bouncy Castle does not know.
 * One instance per signature: it buffers what it signs.
 */
public final class KeyContentSigner implements ContentSigner {

    private static final Map<String, AlgorithmIdentifier> ALGORITHMS = new ConcurrentHashMap<>();

    private final SigningKey key;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    public KeyContentSigner(SigningKey key) {
        this.key = key;
        this.algorithm = ALGORITHMS.computeIfAbsent(key.signatureAlgorithm(),
                name -> AlgorithmIdentifier.getInstance(Certificates.signatureAlgorithmIdentifier(name)));
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
