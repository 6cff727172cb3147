package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.tsa.signing.TsaSigner;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written reply is the one Bouncy Castle's TimeStampTokenGenerator writes for the same inputs (serial,
 * time, request), byte for byte: for ECDSA (RFC 6979) and RSA, whose signatures are deterministic, the whole reply; for
 * GOST-UZ, whose signature is randomised, everything but the signature value, which must verify on its own.
 */
class TokenTemplateTest {

    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.2.860.3.2.11.1");
    private static final ASN1ObjectIdentifier OTHER_POLICY = new ASN1ObjectIdentifier("1.2.3.4.2");
    private static final Duration ACCURACY = Duration.ofSeconds(1);

    @ParameterizedTest(name = "{0}, certReq {1}, nonce {2}, other policy {3}")
    @CsvSource({"EC_P256, true, true, false", "EC_P256, false, false, true", "RSA_2048, true, true, false",
            "GOST_UZ, true, true, false", "GOST_UZ, false, true, true"})
    void theTemplateWritesWhatBouncyCastlesGeneratorWrites(KeyAlgorithm algorithm, boolean certReq, boolean nonce,
                                                           boolean otherPolicy) throws Exception {
        UzDst.install();
        TsaSigner signer = signer(algorithm);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        if (otherPolicy) {
            generator.setReqPolicy(OTHER_POLICY);
        }
        byte[] imprint = new byte[32];
        imprint[5] = 42;
        byte[] request = (nonce ? generator.generate(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), imprint,
                new BigInteger("123456789012345678901")) : generator.generate(
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), imprint)).getEncoded();
        StampQuery query = new TimeStampRequests(16384, POLICY, Set.of(POLICY, OTHER_POLICY)).parse(request);
        TokenGenerators templates = new TokenGenerators(ACCURACY);
        BigInteger serial = new BigInteger("7fffffffffffffffffffffffffffff01", 16);

        byte[] expected;
        byte[] actual;
        Instant genTime;
        do {
            // The generator's signing-time attribute is its wall clock to the second; the template writes genTime's.
            genTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            expected = TimeStampReplies.generated(TimeStampReplies.generator(signer, POLICY, ACCURACY),
                    query.request(), serial, genTime);
            actual = TimeStampReplies.grant(templates, query, signer, serial, genTime);
        } while (!Instant.now().truncatedTo(ChronoUnit.SECONDS).equals(genTime.truncatedTo(ChronoUnit.SECONDS)));

        SignerInformation mine = signerOf(actual);
        SignerInformation theirs = signerOf(expected);
        if (algorithm == KeyAlgorithm.GOST_UZ) {
            assertThat(GostIndependentVerifier.verify(mine.getEncodedSignedAttributes(), mine.getSignature(),
                    signer.certificate().getPublicKey().getEncoded())).isTrue();
            expected = replace(expected, theirs.getSignature(), mine.getSignature());
        }
        assertThat(actual).isEqualTo(expected);
        var info = new TimeStampResponse(actual).getTimeStampToken().getTimeStampInfo();
        assertThat(info.getPolicy()).isEqualTo(otherPolicy ? OTHER_POLICY : POLICY);
        assertThat(info.getGenTime()).isEqualTo(Date.from(genTime));
    }

    private static SignerInformation signerOf(byte[] reply) throws Exception {
        return new TimeStampResponse(reply).getTimeStampToken().toCMSSignedData().getSignerInfos().getSigners()
                .iterator().next();
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        assertThat(with).hasSameSizeAs(what);
        byte[] out = in.clone();
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                System.arraycopy(with, 0, out, i, with.length);
                return out;
            }
        }
        throw new AssertionError("signature not found");
    }

    private static TsaSigner signer(KeyAlgorithm algorithm) throws Exception {
        InMemorySigningKey key = InMemorySigningKey.generate(algorithm);
        X500Name name = new X500Name("CN=Test TSA,O=E-IMZO,C=UZ");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(4242), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(3600)), name, key.publicKey())
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .build(new KeyContentSigner(key)));
        return new TsaSigner("tsa", key, certificate);
    }
}
