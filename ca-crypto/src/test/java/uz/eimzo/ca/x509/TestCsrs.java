package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** PKCS#10 requests as a token or openssl would make them, for tests. */
public final class TestCsrs {

    private TestCsrs() {
    }

    public static byte[] csr(KeyPair key, String signatureAlgorithm) {
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), key.getPublic());
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request signed by a different key than the one it carries: no proof of possession. */
    public static byte[] csrSignedByAnotherKey(KeyPair carried, KeyPair signer) {
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), carried.getPublic());
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
