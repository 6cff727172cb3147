package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDstPublicKey;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.security.KeyPair;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PKCS#10 requests from O'z DSt 1092 keys: parsed, and their proof of possession checked. */
class UzDstCertificationRequestTest {

    static final KeyPair PAIR = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());

    @Test
    void gostRequestIsParsedAndItsProofOfPossessionVerifies() {
        var parsed = CertificationRequests.parse(GostCsrs.request(PAIR, "CN=TOSHMATOV ALISHER,C=UZ"));
        assertThat(parsed.publicKey()).isInstanceOf(UzDstPublicKey.class).isEqualTo(PAIR.getPublic());
        assertThat(KeyAlgorithm.of(parsed.publicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(parsed.subject()).contains(new DnAttribute(DnAttribute.CN, "TOSHMATOV ALISHER"));
    }

    @Test
    void gostRequestWithAFlippedSignatureBitIsRefused() {
        byte[] csr = GostCsrs.request(PAIR, "CN=TOSHMATOV ALISHER,C=UZ");
        csr[csr.length - 3] ^= 0x01;
        assertThatThrownBy(() -> CertificationRequests.parse(csr))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.code()).isEqualTo("csr.signature"));
    }

    @Test
    void gostRequestSignedByAnotherKeyIsRefused() {
        KeyPair other = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        byte[] csr = GostCsrs.request(new KeyPair(PAIR.getPublic(), other.getPrivate()), "CN=TOSHMATOV ALISHER,C=UZ");
        assertThatThrownBy(() -> CertificationRequests.parse(csr))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> assertThat(e.code()).isEqualTo("csr.signature"));
    }
}
