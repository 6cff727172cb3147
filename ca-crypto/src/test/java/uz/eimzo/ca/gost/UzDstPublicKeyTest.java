package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys' encodings, checked against the point the provider computes with, and their Java serialisation. */
class UzDstPublicKeyTest {

    static final KeyPair PAIR = generate();

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(UzDst.KEY_ALGORITHM, UzDst.provider()).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void publicKeyIsEncodedAsRealEimzoCertificatesEncodeIt() {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(PAIR.getPublic().getEncoded());
        assertThat(info.getAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.860.3.15.1.1.2.1");
        ASN1Sequence params = ASN1Sequence.getInstance(info.getAlgorithm().getParameters());
        assertThat(params.size()).isEqualTo(1);
        assertThat(params.getObjectAt(0)).isEqualTo(new ASN1ObjectIdentifier("1.2.860.3.15.1.1.2.1.1"));
        byte[] xy = ASN1OctetString.getInstance(info.getPublicKeyData().getOctets()).getOctets();
        assertThat(xy).hasSize(64);
        // Little-endian x: reversing it gives the BC point's big-endian x.
        byte[] x = new byte[32];
        for (int i = 0; i < 32; i++) {
            x[i] = xy[31 - i];
        }
        assertThat(new BigInteger(1, x))
                .isEqualTo(((UzDstPublicKey) PAIR.getPublic()).parameters().getQ().normalize().getAffineXCoord().toBigInteger());
    }


    @Test
    void bothKeysSurviveJavaSerialisationAndStillSignAndVerify() throws Exception {
        PrivateKey privateKey = (PrivateKey) roundTrip(PAIR.getPrivate());
        PublicKey publicKey = (PublicKey) roundTrip(PAIR.getPublic());
        assertThat(privateKey).isEqualTo(PAIR.getPrivate()).isNotSameAs(PAIR.getPrivate());
        assertThat(publicKey).isEqualTo(PAIR.getPublic()).isNotSameAs(PAIR.getPublic());

        byte[] data = "hujjat".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM, UzDst.provider());
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM, UzDst.provider());
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static Object roundTrip(Object key) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
