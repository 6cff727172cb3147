package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ca.gost.UzDstPublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** O'z DSt 1092 keys through the JCA: generation, encodings, PKCS#12 storage and signatures. */
class UzDstKeyTest {

    static final KeyPair PAIR = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());

    @Test
    void generatedKeyIsRecognisedAsGostUz() {
        assertThat(KeyAlgorithm.of(PAIR.getPublic())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(PAIR.getPublic().getAlgorithm()).isEqualTo("UZDST1092");
    }

    @Test
    void publicAndPrivateKeysRoundTripThroughKeyFactory() throws Exception {
        KeyFactory factory = KeyFactory.getInstance("UZDST1092");
        PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(PAIR.getPublic().getEncoded()));
        PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(PAIR.getPrivate().getEncoded()));
        assertThat(pub).isEqualTo(PAIR.getPublic());
        assertThat(priv).isEqualTo(PAIR.getPrivate());
        assertThat(KeyFactory.getInstance("1.2.860.3.15.1.1.2.1")).isNotNull();
    }

    @Test
    void signatureIsSThenRAndVerifiesWithTheLightweightSigner() throws Exception {
        byte[] data = "hujjat".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(KeyAlgorithm.GOST_UZ.signatureAlgorithm());
        signer.initSign(PAIR.getPrivate());
        signer.update(data);
        byte[] signature = signer.sign();
        assertThat(signature).hasSize(64);
        assertThat(GostIndependentVerifier.verify(data, signature,
                SubjectPublicKeyInfo.getInstance(PAIR.getPublic().getEncoded()))).isTrue();
        signature[5] ^= 0x40;
        Signature verifier = Signature.getInstance("1.2.860.3.15.1.1.2.2.2.2");
        verifier.initVerify(PAIR.getPublic());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isFalse();
    }

    @Test
    void signatureAlgorithmIdentifierIsTheUzbekOidWithNullParameters() {
        assertThat(HexFormat.of().formatHex(Certificates.signatureAlgorithmIdentifier(KeyAlgorithm.GOST_UZ.signatureAlgorithm())))
                .isEqualTo("300f060b2a865c030f0101020202020500");
    }

    @Test
    void privateKeySurvivesTheJdkPkcs12KeyStore() throws Exception {
        var certificate = UzDstRealChainTest.root(); // any certificate does as the chain; the key is what is tested
        char[] password = "parol".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", PAIR.getPrivate(), password, new java.security.cert.Certificate[]{certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);

        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(out.toByteArray()), password);
        assertThat(loaded.getKey("key", password)).isInstanceOf(UzDstPrivateKey.class).isEqualTo(PAIR.getPrivate());
    }

    @Test
    void digestIsGostR341194WithCryptoProParameters() throws Exception {
        // GOST R 34.11-94, CryptoPro S-box, of the empty string (RFC 4357 test vector family; value from Bouncy Castle).
        byte[] expected = MessageDigest.getInstance("UZDST1106").digest(new byte[0]);
        org.bouncycastle.crypto.digests.GOST3411Digest reference = new org.bouncycastle.crypto.digests.GOST3411Digest(
                org.bouncycastle.crypto.engines.GOST28147Engine.getSBox("D-A"));
        byte[] actual = new byte[32];
        reference.doFinal(actual, 0);
        assertThat(expected).isEqualTo(actual);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("1.2.860.3.15.1.3.2.1.1").digest(new byte[0])))
                .isEqualTo(HexFormat.of().formatHex(actual));
    }

    @Test
    void key2024FamilyIsReadWithTheSameMathematics() throws Exception {
        SubjectPublicKeyInfo ours = SubjectPublicKeyInfo.getInstance(PAIR.getPublic().getEncoded());
        SubjectPublicKeyInfo family2024 = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                new ASN1ObjectIdentifier("1.2.860.3.15.2.1.2.1"),
                new DERSequence(new ASN1ObjectIdentifier("1.2.860.3.15.2.1.2.1.1"))), ours.getPublicKeyData().getOctets());
        PublicKey key = KeyFactory.getInstance("OID.1.2.860.3.15.2.1.2.1")
                .generatePublic(new X509EncodedKeySpec(family2024.getEncoded()));
        assertThat(((UzDstPublicKey) key).keyOid()).isEqualTo(UzDst.KEY_2024_OID);
        assertThat(key.getEncoded()).isEqualTo(family2024.getEncoded());

        byte[] data = "2024".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        signer.initSign(PAIR.getPrivate());
        signer.update(data);
        Signature verifier = Signature.getInstance("1.2.860.3.15.2.1.2.2.2.2");
        verifier.initVerify(key);
        verifier.update(data);
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void unknownParameterSetIsRefusedByName() {
        SubjectPublicKeyInfo ours = SubjectPublicKeyInfo.getInstance(PAIR.getPublic().getEncoded());
        byte[] idCardKey = encode(new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                new ASN1ObjectIdentifier("1.2.860.3.15.1.1.2.1"),
                new DERSequence(new ASN1ObjectIdentifier("1.2.860.3.15.1.1.2.1.3"))), ours.getPublicKeyData().getOctets()));
        assertThatThrownBy(() -> KeyFactory.getInstance("UZDST1092").generatePublic(new X509EncodedKeySpec(idCardKey)))
                .isInstanceOf(InvalidKeySpecException.class).hasMessageContaining("1.2.860.3.15.1.1.2.1.3");
    }

    @Test
    void pointOffTheCurveIsRefused() throws Exception {
        byte[] xy = new byte[64];
        xy[0] = 1;
        xy[32] = 1;
        byte[] bogus = encode(new SubjectPublicKeyInfo(
                SubjectPublicKeyInfo.getInstance(PAIR.getPublic().getEncoded()).getAlgorithm(), new DEROctetString(xy)));
        assertThatThrownBy(() -> KeyFactory.getInstance("UZDST1092").generatePublic(new X509EncodedKeySpec(bogus)))
                .isInstanceOf(InvalidKeySpecException.class).hasMessageContaining("not a point");
    }

    private static byte[] encode(SubjectPublicKeyInfo info) {
        try {
            return info.getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
