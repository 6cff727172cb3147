package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.io.OutputStream;
import java.security.MessageDigest;

/** Digest calculators for CMS, the national hash included, which Bouncy Castle's JCA builders do not know. */
public final class Digests implements DigestCalculatorProvider {

    public static final Digests INSTANCE = new Digests();

    @Override
    public DigestCalculator get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        ImprintAlgorithm known = ImprintAlgorithm.of(algorithm.getAlgorithm())
                .orElseThrow(() -> new OperatorCreationException("no digest " + algorithm.getAlgorithm()));
        MessageDigest digest = known.newDigest();
        // Never closed for good: a token generator reused by its thread writes through the same calculator again.
        OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
            }
        };
        return new DigestCalculator() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return stream;
            }

            @Override
            public byte[] getDigest() {
                return digest.digest();
            }
        };
    }

    /** The digest the key's signature algorithm hashes with: what the SignerInfo's message-digest must use. */
    static AlgorithmIdentifier contentDigestFor(KeyAlgorithm algorithm) {
        ImprintAlgorithm digest = switch (algorithm) {
            case GOST_UZ -> ImprintAlgorithm.UZDST1106;
            case EC_P384 -> ImprintAlgorithm.SHA384;
            case ED25519 -> ImprintAlgorithm.SHA512;
            default -> ImprintAlgorithm.SHA256;
        };
        return new AlgorithmIdentifier(digest.oid());
    }

    /** SHA-256, for the ESSCertIDv2 of the signing certificate (RFC 5816). */
    static DigestCalculator sha256() {
        try {
            return INSTANCE.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

}
