package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Bouncy Castle's signer interface over a CA's {@link SigningKey} (PKCS#12, PKCS#11 or memory), in the key's own
 * algorithm. The AlgorithmIdentifier comes from the core's table, as for certificates and CRLs, so the Uzbek
 * national algorithm is named by its OID instead of being looked up by a JCA name Bouncy Castle does not know.
 */
final class SigningKeySigner implements ContentSigner {

    private final SigningKey key;
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(2048);

    SigningKeySigner(SigningKey key) {
        this.key = key;
        this.algorithm = AlgorithmIdentifier.getInstance(Certificates.signatureAlgorithmIdentifier(key.signatureAlgorithm()));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return data;
    }

    @Override
    public byte[] getSignature() {
        return key.sign(data.toByteArray());
    }
}
