package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** The public key's encoding, checked against the point the provider computes with. */
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

}
