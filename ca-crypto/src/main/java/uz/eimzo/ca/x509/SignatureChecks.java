package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature checks on the issuance path: ECDSA through Bouncy Castle's lightweight code, everything else through
 * the JCA. SunEC verifies P-256 about 3,200 times a second on our cores; Bouncy Castle's curve-specific field
 * arithmetic does 8,000 with a fresh key (a request's proof of possession) and over 18,000 with a key it has seen,
 * whose precomputed multiples it keeps (the CA key checking its own signature). See docs/issuance-benchmark.md.
 */
public final class SignatureChecks {

    /** Bounds the cache of CA keys; there are a handful, so reaching it means keys are being passed that are not CA keys. */
    private static final int MAX_CACHED_KEYS = 64;

    private static final Map<PublicKey, ContentVerifierProvider> EC_ISSUER_KEYS = new ConcurrentHashMap<>();

    private SignatureChecks() {
    }

    /** Whether the certificate's signature verifies with its issuer's public key. */
    public static boolean issuerSignatureVerifies(X509Certificate certificate, PublicKey issuerKey) {
        try {
            if (!"EC".equals(issuerKey.getAlgorithm())) {
                certificate.verify(issuerKey);
                return true;
            }
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(new ASN1ObjectIdentifier(certificate.getSigAlgOID()));
            return verifies(ecIssuerKey(issuerKey).get(algorithm), certificate.getTBSCertificate(), certificate.getSignature());
        } catch (Exception e) {
            // A mismatched algorithm, a key of the wrong curve or a malformed signature: it does not verify.
            return false;
        }
    }

    /** The verifier of signatures made with the key in {@code info}; throws if that key cannot be read. */
    static ContentVerifierProvider verifierFor(SubjectPublicKeyInfo info, PublicKey key) throws OperatorCreationException, IOException {
        if ("EC".equals(key.getAlgorithm())) {
            return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder()).build(PublicKeyFactory.createKey(info));
        }
        return new JcaContentVerifierProviderBuilder().build(key);
    }

    private static ContentVerifierProvider ecIssuerKey(PublicKey key) {
        ContentVerifierProvider cached = EC_ISSUER_KEYS.get(key);
        if (cached != null) {
            return cached;
        }
        if (EC_ISSUER_KEYS.size() >= MAX_CACHED_KEYS) {
            EC_ISSUER_KEYS.clear();
        }
        try {
            ContentVerifierProvider provider = new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                    .build(PublicKeyFactory.createKey(key.getEncoded()));
            EC_ISSUER_KEYS.put(key, provider);
            return provider;
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalArgumentException("Not a usable EC public key", e);
        }
    }

    private static boolean verifies(ContentVerifier verifier, byte[] signed, byte[] signature) throws IOException {
        try (OutputStream out = verifier.getOutputStream()) {
            out.write(signed);
        }
        return verifier.verify(signature);
    }
}
