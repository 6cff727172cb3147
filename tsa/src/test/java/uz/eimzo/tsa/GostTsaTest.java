package uz.eimzo.tsa;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.tsa.signing.TsaSigners;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The national case: a GOST-UZ CA certifies a GOST-UZ TSA key, a Bouncy Castle TSP client asks with an O'z DSt
 * 1106 imprint and verifies the token; the client's nonce check and the TSA's clock check refuse what they must.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostTsaTest {

    static final ASN1ObjectIdentifier UZDST1106 = new ASN1ObjectIdentifier(UzDst.DIGEST_OID);

    TestCa ca;
    MutableClock clock = new MutableClock();
    RunningTsa tsa;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        UzDst.install();
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.GOST_UZ, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-gost", KeyAlgorithm.GOST_UZ, clock);
        tsa.clockChecked();
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    @Test
    void bouncyCastleClientVerifiesAGostTokenOverAnOzDst1106Imprint() throws Exception {
        byte[] imprint = MessageDigest.getInstance(UzDst.DIGEST_ALGORITHM, UzDst.provider())
                .digest("Hisob-faktura 42".getBytes(StandardCharsets.UTF_8));
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(new AlgorithmIdentifier(UZDST1106), imprint, BigInteger.valueOf(424242));

        TimeStampResponse response = new TimeStampResponse(tsa.post(request.getEncoded()));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        TimeStampToken token = response.getTimeStampToken();
        X509Certificate signer = tsa.context.getBean(TsaSigners.class).current().orElseThrow().certificate();
        response.validate(request);
        // Bouncy Castle allows only the imprint algorithms it knows unless told: the national one is named here.
        token.validate(verifier(signer), java.util.Set.of(UZDST1106));
        assertThat(token.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(UZDST1106);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(424242));
        assertThat(token.getCertificates().getMatches(null)).hasSize(1);

        // The same signature checked by code that shares nothing with the signer: the project's independent witness.
        SignerInformation info = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
        assertThat(info.getDigestAlgOID()).isEqualTo(UzDst.DIGEST_OID);
        assertThat(GostIndependentVerifier.verify(info.getEncodedSignedAttributes(), info.getSignature(),
                signer.getPublicKey().getEncoded())).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(signer, ca.issuing.certificate())).isTrue();
    }

    @Test
    void clientDetectsAReplyToAnotherNonce() throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(new byte[]{1, 2, 3});
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        TimeStampRequest sent = generator.generate(new AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256), imprint, BigInteger.valueOf(1));
        TimeStampRequest expected = generator.generate(new AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256), imprint, BigInteger.valueOf(2));
        TimeStampResponse response = new TimeStampResponse(tsa.post(sent.getEncoded()));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce()).isEqualTo(BigInteger.ONE);
        assertThatThrownBy(() -> response.validate(expected)).isInstanceOf(TSPValidationException.class)
                .hasMessageContaining("nonce");
    }

    @Test
    void aClockDriftingPastTheAccuracyIsRefusedWithTimeNotAvailableUntilItIsBack() throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest(new byte[]{9});
        byte[] request = new TimeStampRequestGenerator().generate(new AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256), imprint).getEncoded();
        try {
            clock.drift(Duration.ofSeconds(3));
            tsa.clockChecked().check();
            TimeStampResponse refused = new TimeStampResponse(tsa.post(request));
            assertThat(refused.getStatus()).isEqualTo(PKIStatus.REJECTION);
            assertThat(refused.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.timeNotAvailable);
            assertThat(refused.getTimeStampToken()).isNull();
            assertThat(readiness()).contains("\"status\":\"DOWN\"").contains("not vouched for");
        } finally {
            clock.drift(Duration.ZERO);
            tsa.clockChecked().check();
        }
        assertThat(readiness()).endsWith("},\"status\":\"UP\"}").contains("\"clock\":\"trusted\"");
        assertThat(new TimeStampResponse(tsa.post(request)).getStatus()).isEqualTo(PKIStatus.GRANTED);
    }

    private String readiness() throws Exception {
        String management = "http://127.0.0.1:" + tsa.context.getEnvironment().getProperty("local.management.port");
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    management + "/actuator/health/readiness?showDetails=always")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** Bouncy Castle's verifier with the project's provider for the national algorithms and SHA-2 from the JDK. */
    private static SignerInformationVerifier verifier(X509Certificate certificate) throws Exception {
        DigestCalculatorProvider digests = algorithm -> {
            try {
                MessageDigest digest = algorithm.getAlgorithm().equals(UZDST1106)
                        ? MessageDigest.getInstance(UzDst.DIGEST_ALGORITHM, UzDst.provider())
                        : MessageDigest.getInstance(algorithm.getAlgorithm().getId());
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                return new DigestCalculator() {
                    @Override
                    public AlgorithmIdentifier getAlgorithmIdentifier() {
                        return algorithm;
                    }

                    @Override
                    public OutputStream getOutputStream() {
                        return buffer;
                    }

                    @Override
                    public byte[] getDigest() {
                        return digest.digest(buffer.toByteArray());
                    }
                };
            } catch (Exception e) {
                throw new org.bouncycastle.operator.OperatorCreationException(e.getMessage(), e);
            }
        };
        // Bouncy Castle names a signature "<digest OID>with<signature OID>" when it knows neither; map that back.
        DefaultSignatureAlgorithmIdentifierFinder known = new DefaultSignatureAlgorithmIdentifierFinder();
        org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder finder = name -> name.endsWith(UzDst.SIGNATURE_OID)
                ? new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.SIGNATURE_OID)) : known.find(name);
        return new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(), finder,
                new JcaContentVerifierProviderBuilder().setProvider(UzDst.provider()).build(certificate), digests);
    }
}
