package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ECDSA P-256 and P-384 signing for keys held in this process (PKCS#12 files, memory) with Bouncy Castle's
 * lightweight code: about 1.7 times SunEC's rate on our cores, which the responder's answers to requests with a
 * nonce and every issuance pay for (docs/ocsp-crl.md). The nonce k is derived as RFC 6979 says, so a weak random
 * source cannot leak the key. Signatures are DER, as the JCA's. Keys on a token never come here.
 */
public final class SoftwareEcdsa {

    private final ECPrivateKeyParameters key;
    private final Supplier<Digest> digest;

    private SoftwareEcdsa(ECPrivateKeyParameters key, Supplier<Digest> digest) {
        this.key = key;
        this.digest = digest;
    }

    /**
     * A signer for {@code key} on the named curve, with the hash of {@code jcaSignatureAlgorithm}; empty for any
     * other key or algorithm, which then stays with the JCA.
     */
    public static Optional<SoftwareEcdsa> of(PrivateKey key, String curve, String jcaSignatureAlgorithm) {
        if (!(key instanceof ECPrivateKey ec) || ec.getS() == null || curve == null) {
            return Optional.empty();
        }
        Supplier<Digest> digest = switch (jcaSignatureAlgorithm) {
            case "SHA256withECDSA" -> SHA256Digest::new;
            case "SHA384withECDSA" -> SHA384Digest::new;
            default -> null;
        };
        X9ECParameters parameters = CustomNamedCurves.getByName(curve);
        if (digest == null || parameters == null || !parameters.getN().equals(ec.getParams().getOrder())) {
            return Optional.empty();
        }
        ECDomainParameters domain = new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(),
                parameters.getH(), parameters.getSeed());
        return Optional.of(new SoftwareEcdsa(new ECPrivateKeyParameters(ec.getS(), domain), digest));
    }

    /** The DER-encoded ECDSA signature of {@code data}. */
    public byte[] sign(byte[] data) {
        DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(digest.get())), digest.get());
        signer.init(true, key);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }
}
