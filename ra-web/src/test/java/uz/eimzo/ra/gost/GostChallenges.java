package uz.eimzo.ra.gost;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureEncryptionAlgorithmFinder;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.ca.x509.Pem;
import uz.eimzo.ca.gost.UzDst;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * A challenge signed as the E-IMZO agent signs documents: attached CMS SignedData with signed attributes, digest
 * O'z DSt 1106 (1.2.860.3.15.1.3.2.1.1) and signature 1.2.860.3.15.1.1.2.2.2.2, the signer's certificate embedded.
 * Built with Bouncy Castle's generic CMS generator, told the digest by OID (it has no name for it). Also GOST-UZ
 * PKCS#10 requests, which openssl cannot make.
 */
public final class GostChallenges {

    private GostChallenges() {
    }

    public static String sign(String challenge, KeyPair key, X509Certificate certificate) throws Exception {
        AlgorithmIdentifier digest = new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.DIGEST_OID));
        var generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build(),
                new DefaultCMSSignatureEncryptionAlgorithmFinder()).setContentDigest(digest)
                .build(new KeyContentSigner(InMemorySigningKey.of(key)), new X509CertificateHolder(Certificates.der(certificate))));
        generator.addCertificate(new X509CertificateHolder(Certificates.der(certificate)));
        byte[] der = generator.generate(new CMSProcessableByteArray(challenge.getBytes(StandardCharsets.UTF_8)), true)
                .getEncoded();
        return Pem.encode(Pem.CMS, der);
    }

    /** A PKCS#10 request for a GOST-UZ key (openssl has no GOST-UZ), signed with it, in PEM. */
    public static String csr(KeyPair key) throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), key.getPublic())
                .build(new KeyContentSigner(InMemorySigningKey.of(key))).getEncoded();
        return Pem.encode("CERTIFICATE REQUEST", der);
    }

    /**
     * A PKCS#10 request for the same key as a 2024-family key (1.2.860.3.15.2.1.2.1, parameter set .1), signed under
     * 1.2.860.3.15.2.1.2.2.2.2 as an agent generating O'z MSt 286:2024 keys would sign it.
     */
    public static String csr2024(KeyPair key) throws Exception {
        SubjectPublicKeyInfo ours = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        SubjectPublicKeyInfo family2024 = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                new ASN1ObjectIdentifier(UzDst.KEY_2024_OID), new DERSequence(new ASN1ObjectIdentifier(UzDst.PARAM_SET_2024_A_OID))),
                ours.getPublicKeyData().getOctets());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ContentSigner signer = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.SIGNATURE_2024_OID));
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    Signature signature = Signature.getInstance(UzDst.SIGNATURE_2024_OID);
                    signature.initSign(key.getPrivate());
                    signature.update(buffer.toByteArray());
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        byte[] der = new PKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), family2024).build(signer).getEncoded();
        return Pem.encode(Pem.CERTIFICATE_REQUEST, der);
    }
}
