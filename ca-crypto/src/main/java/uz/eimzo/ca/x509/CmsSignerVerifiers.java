package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.CertificateException;
import java.util.Map;

/**
 * Verifiers for CMS SignedData signer infos that also know the Uzbek national algorithm. Bouncy Castle names a
 * signer's algorithm "digest with encryption" and looks that name up; it has no name for O'z DSt 1106 with 1092, so
 * a signature the E-IMZO agent makes (digest 1.2.860.3.15.1.3.2.1.1, signature or key OID 1.2.860.3.15.1.1.2...)
 * failed as an unknown type. Here those pairs map to the signature OID our provider verifies; the rest is Bouncy
 * Castle's.
 */
public final class CmsSignerVerifiers {

    /** BC's name for an unknown pair is "{digest OID}with{encryption OID}"; these are the national ones. */
    private static final Map<String, String> NATIONAL = Map.of(
            UzDst.DIGEST_OID + "with" + UzDst.SIGNATURE_OID, UzDst.SIGNATURE_OID,
            UzDst.DIGEST_OID + "with" + UzDst.KEY_OID, UzDst.SIGNATURE_OID,
            UzDst.DIGEST_2024_OID + "with" + UzDst.SIGNATURE_2024_OID, UzDst.SIGNATURE_2024_OID,
            UzDst.DIGEST_2024_OID + "with" + UzDst.KEY_2024_OID, UzDst.SIGNATURE_2024_OID);

    private static final SignatureAlgorithmIdentifierFinder FINDER = new SignatureAlgorithmIdentifierFinder() {
        private final DefaultSignatureAlgorithmIdentifierFinder standard = new DefaultSignatureAlgorithmIdentifierFinder();

        @Override
        public AlgorithmIdentifier find(String name) {
            String national = NATIONAL.get(name);
            return national != null ? new AlgorithmIdentifier(new ASN1ObjectIdentifier(national)) : standard.find(name);
        }
    };

    static {
        UzDst.install();
    }

    private CmsSignerVerifiers() {
    }

    /** A verifier for signatures by the key of {@code signer}. */
    public static SignerInformationVerifier of(X509CertificateHolder signer)
            throws OperatorCreationException, CertificateException {
        return new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(), FINDER,
                new JcaContentVerifierProviderBuilder().build(signer), new JcaDigestCalculatorProviderBuilder().build());
    }
}
