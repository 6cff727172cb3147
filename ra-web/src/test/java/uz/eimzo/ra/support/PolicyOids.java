package uz.eimzo.ra.support;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** The policy OIDs a certificate carries (its certificatePolicies extension), in order: what its purposes became. */
public final class PolicyOids {

    private PolicyOids() {
    }

    public static List<String> of(X509Certificate certificate) {
        byte[] value = ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.certificatePolicies.getId()))
                .getOctets();
        return Arrays.stream(CertificatePolicies.getInstance(value).getPolicyInformation())
                .map(PolicyInformation::getPolicyIdentifier).map(Object::toString).toList();
    }
}
