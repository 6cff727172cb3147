package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureEncryptionAlgorithmFinder;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The 2024 family (O'z MSt 285/286:2024) as far as public material specifies it: the same mathematics as 2009 under
 * new OIDs. Known answers for the hash under both OIDs; certificates, PKCS#10 requests and CMS signed under the 2024
 * signature OID with a 2024-family key decode, are named and verify, and a flipped bit fails.
 */
class UzDst2024Test {

    private static final KeyPair PAIR = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());

    /** GOST R 34.11-94 with the CryptoPro S-box ("D-A"), the published test vectors. */
    @Test
    void bothHashOidsGiveTheCryptoProGost94KnownAnswers() throws Exception {
        for (String oid : new String[]{UzDst.DIGEST_OID, UzDst.DIGEST_2024_OID}) {
            MessageDigest digest = MessageDigest.getInstance(oid);
            assertThat(hex(digest.digest(new byte[0])))
                    .isEqualTo("981e5f3ca30c841487830f84fb433e13ac1101569b9c13584ac483234cd656c0");
            assertThat(hex(digest.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo("b285056dbf18d7392d7677369524dd14747459ed8143997e163b2986f92fd42c");
            assertThat(hex(digest.digest("message digest".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo("bc6041dd2aa401ebfa6e9886734174febdb4729aa972d60f549ac39b29721ba0");
        }
    }

    @Test
    void aCertificateSignedUnderThe2024OidsDecodesIsNamedAndVerifies() throws Exception {
        PublicKey key2024 = key2024(PAIR.getPublic());
        X500Name name = new X500Name("CN=2024 family,C=UZ");
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(Instant.now()),
                Date.from(Instant.now().plusSeconds(3600)), name, key2024).build(signer2024(PAIR.getPrivate())).getEncoded();

        X509Certificate certificate = Certificates.parse(der);

        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_2024_OID);
        assertThat(certificate.getSigAlgName()).isEqualTo(UzDst.SIGNATURE_ALGORITHM);
        assertThat(((UzDstPublicKey) certificate.getPublicKey()).keyOid()).isEqualTo(UzDst.KEY_2024_OID);
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        certificate.verify(certificate.getPublicKey());
        der[der.length - 5] ^= 1;
        assertThatThrownBy(() -> Certificates.parse(der).verify(certificate.getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void aPkcs10RequestUnderThe2024OidsIsParsedWithProofOfPossession() throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), key2024(PAIR.getPublic()))
                .build(signer2024(PAIR.getPrivate())).getEncoded();

        PublicKey parsed = CertificationRequests.parse(der).publicKey();

        assertThat(((UzDstPublicKey) parsed).keyOid()).isEqualTo(UzDst.KEY_2024_OID);
        der[der.length - 5] ^= 1;
        assertThatThrownBy(() -> CertificationRequests.parse(der)).isInstanceOf(MalformedInputException.class);
    }

    /** Sets B and C (and the key-exchange sets) have no real sample to check against: refused by name, not an error. */
    @Test
    void aRequestWithAnotherParameterSetIsRefusedNamingTheSet() throws Exception {
        SubjectPublicKeyInfo ours = SubjectPublicKeyInfo.getInstance(PAIR.getPublic().getEncoded());
        SubjectPublicKeyInfo setB = new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.KEY_2024_OID),
                new DERSequence(new ASN1ObjectIdentifier("1.2.860.3.15.2.1.2.1.2"))), ours.getPublicKeyData().getOctets());
        byte[] der = new PKCS10CertificationRequestBuilder(new X500Name("CN=Applicant"), setB)
                .build(signer2024(PAIR.getPrivate())).getEncoded();

        assertThatThrownBy(() -> CertificationRequests.parse(der)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("1.2.860.3.15.2.1.2.1.2");
    }

    @Test
    void cmsSignedUnderThe2024OidsVerifies() throws Exception {
        PublicKey key2024 = key2024(PAIR.getPublic());
        X500Name name = new X500Name("CN=Holder 2024");
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, Date.from(Instant.now()),
                Date.from(Instant.now().plusSeconds(3600)), name, key2024).build(signer2024(PAIR.getPrivate()));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build(),
                new DefaultCMSSignatureEncryptionAlgorithmFinder())
                .setContentDigest(new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.DIGEST_2024_OID)))
                .build(signer2024(PAIR.getPrivate()), certificate));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray("challenge".getBytes(StandardCharsets.UTF_8)), true);

        var signer = signed.getSignerInfos().getSigners().iterator().next();

        assertThat(signer.getDigestAlgOID()).isEqualTo(UzDst.DIGEST_2024_OID);
        assertThat(signer.verify(CmsSignerVerifiers.of(certificate))).isTrue();
    }

    /** The same public key as a 2024-family SubjectPublicKeyInfo (key OID and parameter set 1.2.860.3.15.2.1.2.1.1). */
    private static PublicKey key2024(PublicKey key) throws Exception {
        SubjectPublicKeyInfo ours = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo family2024 = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                new ASN1ObjectIdentifier(UzDst.KEY_2024_OID), new DERSequence(new ASN1ObjectIdentifier(UzDst.PARAM_SET_2024_A_OID))),
                ours.getPublicKeyData().getOctets());
        return KeyFactory.getInstance(UzDst.KEY_2024_OID).generatePublic(new X509EncodedKeySpec(family2024.getEncoded()));
    }

    /** A signer that names 1.2.860.3.15.2.1.2.2.2.2, as a 2024 agent would. */
    private static ContentSigner signer2024(PrivateKey key) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
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
                    signature.initSign(key);
                    signature.update(buffer.toByteArray());
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
