package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import uz.eimzo.ca.keys.SigningKey;

import java.io.IOException;

/** The PKCS#10 request a delegated signer (an OCSP responder, the TSA) files for its own certificate. */
public final class DelegatedCertificationRequest {

    private DelegatedCertificationRequest() {
    }

    /** A request signed by the key itself (proof of possession); the CA decides the final subject and profile. */
    public static byte[] build(SigningKey key, String commonName) {
        try {
            X500Name subject = new X500Name(new RDN[]{new RDN(BCStyle.CN, new DERUTF8String(commonName))});
            return new PKCS10CertificationRequestBuilder(subject, SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))
                    .build(new KeyContentSigner(key)).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the certification request", e);
        }
    }
}
