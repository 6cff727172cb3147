package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.tsa.encoding.Digests;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * Bouncy Castle CMS verifiers for every algorithm we accept: ECDSA and RSA through the JDK, O'z DSt 1092/1106 through
 * the project's provider. Digests come from {@link Digests}, which knows the national hash.
 */
final class CmsVerifiers {

    private static final DefaultSignatureAlgorithmIdentifierFinder KNOWN = new DefaultSignatureAlgorithmIdentifierFinder();

    /**
     * Bouncy Castle names a signature it does not know "{digest OID}with{signature or key OID}"; a SignerInfo may
     * name the national algorithm by its signature OID or by its key OID (both families).
     */
    private static final SignatureAlgorithmIdentifierFinder FINDER = name -> {
        if (name.endsWith(UzDst.SIGNATURE_OID) || name.endsWith(UzDst.KEY_OID)) {
            return new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.SIGNATURE_OID));
        }
        if (name.endsWith(UzDst.SIGNATURE_2024_OID) || name.endsWith(UzDst.KEY_2024_OID)) {
            return new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.SIGNATURE_2024_OID));
        }
        return KNOWN.find(name);
    };

    private CmsVerifiers() {
    }

    /**
     * A verifier with no certificate attached: Bouncy Castle then checks only the signature, and leaves the question of
     * the certificate's validity at the claimed signing time to us, who know better which time to trust.
     */
    static SignerInformationVerifier forKey(PublicKey key) throws OperatorCreationException {
        return verifier(builder(key).build(key));
    }

    /** A verifier bound to a certificate, as {@code TimeStampToken.validate} requires. */
    static SignerInformationVerifier forCertificate(X509Certificate certificate) throws OperatorCreationException {
        return verifier(builder(certificate.getPublicKey()).build(certificate));
    }

    private static SignerInformationVerifier verifier(ContentVerifierProvider provider) {
        return new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(), FINDER, provider,
                Digests.INSTANCE);
    }

    private static JcaContentVerifierProviderBuilder builder(PublicKey key) {
        JcaContentVerifierProviderBuilder builder = new JcaContentVerifierProviderBuilder();
        return isNational(key) ? builder.setProvider(UzDst.provider()) : builder;
    }

    static boolean isNational(PublicKey key) {
        return UzDst.KEY_ALGORITHM.equals(key.getAlgorithm()) || key.getClass().getName().startsWith("uz.eimzo.ca.gost.UzDst");
    }
}
