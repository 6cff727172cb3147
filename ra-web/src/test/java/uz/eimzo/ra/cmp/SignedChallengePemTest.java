package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.Pem;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A signed challenge in PEM is one CMS block: a real `openssl cms -sign -outform PEM` output, then variations of it. */
class SignedChallengePemTest {

    private static final byte[] CHALLENGE = "E-IMZO renewal fuzz-challenge".getBytes(StandardCharsets.UTF_8);

    private static String signedPem() throws IOException {
        try (InputStream in = SignedChallengePemTest.class.getResourceAsStream(
                "SignedChallengeFuzzTestInputs/signedChallengesGiveTheSignerOrARefusal/attached-p256.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The refusal code for this text; fails when the text is accepted. */
    private static String refusal(String text) {
        try {
            SignedChallenges.signer(text.getBytes(StandardCharsets.ISO_8859_1), CHALLENGE);
        } catch (SignedChallenges.RefusedProof refused) {
            return refused.code();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void oneCmsBlockGivesTheSigner() throws IOException {
        X509Certificate signer = SignedChallenges.signer(signedPem().getBytes(StandardCharsets.US_ASCII), CHALLENGE);

        assertThat(signer.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void theSameBlockWithCrlfLineEndingsGivesTheSigner() throws IOException {
        byte[] crlf = signedPem().replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(SignedChallenges.signer(crlf, CHALLENGE)).isNotNull();
    }

    @Test
    void aSecondBlockAfterTheSignatureIsRefusedNotJoined() throws Exception {
        // Without padding in the first block, two blocks joined into one text are valid base64: they must still be refused.
        byte[] signed = signedWithoutBase64Padding();
        X509Certificate signer = SignedChallenges.signer(signed, CHALLENGE);
        String two = Pem.encode(Pem.CMS, signed) + Certificates.pem(signer);

        assertThat(refusal(two)).isEqualTo(SignedChallenges.Reason.NOT_CMS.code());
    }

    /** Attached CMS SignedData over the challenge whose DER length is a multiple of 3 (ECDSA signatures vary in length). */
    private static byte[] signedWithoutBase64Padding() throws Exception {
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        Instant now = Instant.now();
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(new X500Name("CN=Signer"), BigInteger.ONE,
                Date.from(now), Date.from(now.plusSeconds(3600)), new X500Name("CN=Signer"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        for (int attempt = 0; ; attempt++) {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()), certificate));
            generator.addCertificate(certificate);
            byte[] der = generator.generate(new CMSProcessableByteArray(CHALLENGE), true).getEncoded();
            if (der.length % 3 == 0 || attempt > 100) {
                return der;
            }
        }
    }

    @Test
    void aBlockWithAnotherLabelIsRefused() throws IOException {
        String relabelled = signedPem().replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "-----$1 CERTIFICATE-----");

        assertThat(refusal(relabelled)).isEqualTo(SignedChallenges.Reason.NOT_CMS.code());
    }

    @Test
    void charactersOutsideBase64AreRefused() throws IOException {
        String[] lines = signedPem().split("\n");
        lines[3] = lines[3].substring(0, 5) + "!~" + lines[3].substring(5);

        assertThat(refusal(String.join("\n", lines) + "\n")).isEqualTo(SignedChallenges.Reason.NOT_CMS.code());
    }
}
