package uz.eimzo.ocsp.protocol;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class OcspResponsesTest {

    @Test
    void anAnswerLyingInsideALargerArrayIsMadeWholeExactlyAsOnItsOwn() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name("CN=responder");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.TWO, Date.from(now), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic())
                .build(signer));
        byte[] bare = OcspResponses.signWithoutCertificate(new Answer(OcspRequests.sha1CertId(new byte[20], new byte[20],
                BigInteger.valueOf(77)), Answer.State.REVOKED, now, 1, now, now.plus(Duration.ofHours(12))), signer,
                new byte[20], now);
        byte[] larger = new byte[bare.length + 100];
        System.arraycopy(bare, 0, larger, 37, bare.length);

        byte[] whole = OcspResponses.withCertificate(larger, 37, bare.length, certificate);

        assertThat(whole).isEqualTo(OcspResponses.withCertificate(bare, certificate));
    }
}
