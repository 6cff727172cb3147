package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.Signature;

/** PKCS#10 requests signed with O'z DSt 1092 keys, as an E-IMZO token would send them. */
public final class GostCsrs {

    private GostCsrs() {
    }

    /** A DER request for {@code subject} (an X.500 string) signed by the pair's private key. */
    public static byte[] request(KeyPair pair, String subject) {
        try {
            var builder = new PKCS10CertificationRequestBuilder(new X500Name(subject),
                    SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
            return builder.build(signer(pair)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(KeyPair pair) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.SIGNATURE_OID), DERNull.INSTANCE);
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    Signature signature = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
                    signature.initSign(pair.getPrivate());
                    signature.update(buffer.toByteArray());
                    return signature.sign();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
