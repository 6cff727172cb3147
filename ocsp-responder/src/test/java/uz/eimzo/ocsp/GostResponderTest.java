package uz.eimzo.ocsp;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ocsp.status.PresignedAnswers;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A GOST-UZ hierarchy, whose responder keys are GOST-UZ without any setting: answers signed with O'z DSt 1092/1106, checked independently. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostResponderTest {

    static final String UZ_SIGNATURE = "1.2.860.3.15.1.1.2.2.2.2";

    RunningResponder responder;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, KeyAlgorithm.GOST_UZ, Duration.ofDays(7));
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private BasicOCSPResp ask(BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(responder.ca.issuing.certificate()));
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(responder.url()))
                        .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) ocsp.getResponseObject();
    }

    private X509Certificate responderCertificate(BasicOCSPResp basic) {
        return Certificates.parse(uncheck(() -> basic.getCerts()[0].getEncoded()));
    }

    @Test
    void answerIsSignedWithTheUzbekAlgorithmAndVerifiesIndependently() throws Exception {
        IssuedCertificate leaf = responder.issue(TestCa.individual(), "individual");
        BasicOCSPResp basic = ask(leaf.serial());
        assertThat(basic.getSignatureAlgOID().getId()).isEqualTo(UZ_SIGNATURE);
        X509Certificate signer = responderCertificate(basic);
        assertThat(GostIndependentVerifier.verify(basic.getTBSResponseData(), basic.getSignature(),
                SubjectPublicKeyInfo.getInstance(signer.getPublicKey().getEncoded()))).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(signer, responder.ca.issuing.certificate())).isTrue();
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    }

    @Test
    void revokedCertificateIsReportedRevokedUnderAGostCa() throws Exception {
        IssuedCertificate leaf = responder.issue(TestCa.director(), "legal-entity");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, leaf.serial(), RevocationReason.KEY_COMPROMISE, null, "test");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Object status;
        do {
            status = ask(leaf.serial()).getResponses()[0].getCertStatus();
        } while (!(status instanceof RevokedStatus) && System.nanoTime() < deadline);
        assertThat(status).isInstanceOf(RevokedStatus.class);
    }

    @Test
    void anAnswerSignedAheadInTheSlabsIsAGostUzAnswerThatVerifiesIndependently() throws Exception {
        PresignedAnswers presigned = responder.context.getBean(PresignedAnswers.class);
        IssuedCertificate leaf = responder.issue(TestCa.individual(), "individual");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!presigned.holds(leaf.ca().id(), leaf.serial()) && System.nanoTime() < deadline) {
            RunningResponder.sleep(100);
        }
        assertThat(presigned.holds(leaf.ca().id(), leaf.serial())).as("answer signed ahead").isTrue();
        // producedAt has whole seconds: a second later, an answer signed on request could not look older.
        RunningResponder.sleep(1100);
        Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        BasicOCSPResp basic = ask(leaf.serial());

        assertThat(basic.getProducedAt().toInstant()).as("signed before it was asked for").isBefore(asked);
        assertThat(basic.getSignatureAlgOID().getId()).isEqualTo(UZ_SIGNATURE);
        assertThat(GostIndependentVerifier.verify(basic.getTBSResponseData(), basic.getSignature(),
                SubjectPublicKeyInfo.getInstance(responderCertificate(basic).getPublicKey().getEncoded()))).isTrue();
        assertThat(basic.getResponses()[0].getCertStatus()).isNull();
    }

    private interface Io<T> {
        T get() throws Exception;
    }

    private static <T> T uncheck(Io<T> io) {
        try {
            return io.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
