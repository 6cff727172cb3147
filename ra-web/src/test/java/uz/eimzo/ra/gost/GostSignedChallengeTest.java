package uz.eimzo.ra.gost;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.ra.cmp.SignedChallenges;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A GOST-UZ holder proves possession of the current key the way the E-IMZO agent signs: CMS with O'z DSt 1106/1092. */
class GostSignedChallengeTest {

    private static X509Certificate selfSigned(KeyPair key) throws Exception {
        Instant now = Instant.now();
        return Certificates.parse(new JcaX509v3CertificateBuilder(new X500Name("CN=Holder"),
                BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)), new X500Name("CN=Holder"), key.getPublic())
                .build(new KeyContentSigner(InMemorySigningKey.of(key))).getEncoded());
    }

    @Test
    void aGostUzSignedChallengeGivesTheSigner() throws Exception {
        KeyPair key = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        X509Certificate certificate = selfSigned(key);

        String signed = GostChallenges.sign("E-IMZO renewal abc", key, certificate);

        assertThat(SignedChallenges.signer(signed.getBytes(StandardCharsets.US_ASCII),
                "E-IMZO renewal abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(certificate);
    }

    @Test
    void aGostUzSignatureByAnotherKeyThanTheCertificatesIsRefused() throws Exception {
        KeyPair key = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        KeyPair other = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());

        String signed = GostChallenges.sign("E-IMZO renewal abc", other, selfSigned(key));

        assertThatThrownBy(() -> SignedChallenges.signer(signed.getBytes(StandardCharsets.US_ASCII),
                "E-IMZO renewal abc".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SignedChallenges.RefusedProof.class,
                        refused -> assertThat(refused.code()).isEqualTo("proof.doesNotVerify"));
    }
}
