package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import uz.eimzo.ca.gost.UzDst;

import java.util.Map;

/** Maps the JCA signature algorithm names our keys use to the AlgorithmIdentifier written in certificates. */
final class SignatureAlgorithms {

    private static final DefaultSignatureAlgorithmIdentifierFinder FINDER = new DefaultSignatureAlgorithmIdentifierFinder();
    // National algorithms Bouncy Castle's table does not know.
    private static final Map<String, AlgorithmIdentifier> EXTRA = Map.of(UzDst.SIGNATURE_ALGORITHM,
            new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.SIGNATURE_OID), DERNull.INSTANCE));

    private SignatureAlgorithms() {
    }

    static AlgorithmIdentifier identifier(String jcaName) {
        AlgorithmIdentifier extra = EXTRA.get(jcaName);
        return extra != null ? extra : FINDER.find(jcaName);
    }

}
