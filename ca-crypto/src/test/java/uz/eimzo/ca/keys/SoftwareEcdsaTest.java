package uz.eimzo.ca.keys;

import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

/** Signatures made by Bouncy Castle for software EC keys are ordinary JCA ECDSA signatures. */
class SoftwareEcdsaTest {

    private static final byte[] DATA = "to be signed".getBytes();

    private static boolean jcaVerifies(KeyAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static SoftwareEcdsa signer(KeyAlgorithm algorithm, KeyPair pair) {
        return SoftwareEcdsa.of(pair.getPrivate(), algorithm).orElseThrow();
    }

    @Test
    void p256SignatureVerifiesWithSunEc() throws GeneralSecurityException {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());

        assertThat(jcaVerifies(KeyAlgorithm.EC_P256, pair.getPublic(), DATA, signer(KeyAlgorithm.EC_P256, pair).sign(DATA))).isTrue();
    }

    @Test
    void p384SignatureVerifiesWithSunEc() throws GeneralSecurityException {
        KeyPair pair = KeyAlgorithm.EC_P384.generate(new SecureRandom());

        assertThat(jcaVerifies(KeyAlgorithm.EC_P384, pair.getPublic(), DATA, signer(KeyAlgorithm.EC_P384, pair).sign(DATA))).isTrue();
    }

    @Test
    void signatureDoesNotVerifyForOtherData() throws GeneralSecurityException {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        byte[] signature = signer(KeyAlgorithm.EC_P256, pair).sign(DATA);

        assertThat(jcaVerifies(KeyAlgorithm.EC_P256, pair.getPublic(), "other".getBytes(), signature)).isFalse();
    }

    @Test
    void nonceIsDerivedFromKeyAndMessageAsRfc6979Says() {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        SoftwareEcdsa signer = signer(KeyAlgorithm.EC_P256, pair);

        assertThat(signer.sign(DATA)).isEqualTo(signer.sign(DATA)).isNotEqualTo(signer.sign("other".getBytes()));
    }

    @Test
    void keyOfAnotherCurveThanNamedStaysWithTheJca() {
        KeyPair pair = KeyAlgorithm.EC_P384.generate(new SecureRandom());

        assertThat(SoftwareEcdsa.of(pair.getPrivate(), KeyAlgorithm.EC_P256)).isEmpty();
    }

    @Test
    void rsaKeyStaysWithTheJca() {
        KeyPair pair = KeyAlgorithm.RSA_2048.generate(new SecureRandom());

        assertThat(SoftwareEcdsa.of(pair.getPrivate(), KeyAlgorithm.RSA_2048)).isEmpty();
    }

    @Test
    void inMemoryEcKeySignsWhatTheJcaVerifies() throws GeneralSecurityException {
        InMemorySigningKey key = InMemorySigningKey.generate(KeyAlgorithm.EC_P256);

        assertThat(jcaVerifies(KeyAlgorithm.EC_P256, key.publicKey(), DATA, key.sign(DATA))).isTrue();
    }
}
