package uz.eimzo.ca.keys;

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

    /** A signer for {@code key} if it is a P-256 or P-384 key whose secret this process holds; empty otherwise. */
    public static Optional<SoftwareEcdsa> of(PrivateKey key, KeyAlgorithm algorithm) {
        if (!(key instanceof ECPrivateKey ec) || ec.getS() == null) {
            return Optional.empty();
        }
        Supplier<Digest> digest;
        X9ECParameters parameters;
        switch (algorithm) {
            case EC_P256 -> {
                digest = SHA256Digest::new;
                parameters = CustomNamedCurves.getByName("secp256r1");
            }
            case EC_P384 -> {
                digest = SHA384Digest::new;
                parameters = CustomNamedCurves.getByName("secp384r1");
            }
            default -> {
                return Optional.empty();
            }
        }
        if (!parameters.getN().equals(ec.getParams().getOrder())) {
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
