package uz.eimzo.ocsp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
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
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.status.PresignedAnswers;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers signed ahead of time (docs/ocsp-crl.md, "Pre-signed answers"), through the responder's HTTP port with the
 * pre-signer running as in production. An answer signed before it was asked for shows it in producedAt.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresignedAnswersTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningResponder responder;
    private PresignedAnswers presigned;
    private Path chain;
    private Path issuer;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory);
        presigned = responder.context.getBean(PresignedAnswers.class);
        chain = responder.pem("chain.pem", responder.ca.issuing.certificate(), responder.ca.root.certificate());
        issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void aCertificateNoOneAskedAboutIsAnsweredWithAnAnswerSignedBeforeTheRequestThatOpensslVerifies() throws Exception {
        IssuedCertificate issued = issuePresigned();
        Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Counter served = responder.context.getBean(MeterRegistry.class).get("eimzo.ocsp.cache").tag("result", "presigned").counter();
        double before = served.count();

        byte[] der = ask(issued.serial(), null);

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
        SingleResp single = basic.getResponses()[0];
        assertThat(basic.getProducedAt().toInstant()).as("signed before it was asked for").isBefore(asked);
        assertThat(single.getCertStatus()).as("good").isNull();
        assertThat(Duration.between(single.getThisUpdate().toInstant(), single.getNextUpdate().toInstant()))
                .as("eimzo.ocsp.presign.validity").isEqualTo(Duration.ofHours(12));
        Path response = responder.directory.resolve("presigned.der");
        Files.write(response, der);
        Path leaf = responder.pem("presigned-leaf.pem", issued.certificate());
        String output = RunningResponder.run(List.of("openssl", "ocsp", "-respin", response.toString(), "-CAfile",
                chain.toString(), "-issuer", issuer.toString(), "-cert", leaf.toString())).output();
        assertThat(output).contains("Response verify OK").contains(leaf + ": good");
        assertThat(served.count() - before).as("eimzo.ocsp.cache{result=presigned}").isEqualTo(1.0);
    }

    @Test
    void aRequestWithANonceIsStillSignedWhenAsked() throws Exception {
        IssuedCertificate issued = issuePresigned();
        Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(ask(issued.serial(), nonce)).getResponseObject();

        assertThat(basic.getProducedAt().toInstant()).isAfterOrEqualTo(asked);
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets())
                .isEqualTo(nonce);
    }

    @Test
    void aRevocationIsAnsweredRevokedWithinASecondThoughAGoodAnswerWasSignedAhead() throws Exception {
        IssuedCertificate issued = issuePresigned();

        Duration answeredRevokedAfter = revokeAndAsk(issued.serial());

        assertThat(answeredRevokedAfter).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aPresignedAnswerIsKeptInTheResponseCacheOnlyOnceTheSameRequestCameAgain() throws Exception {
        IssuedCertificate issued = issuePresigned();
        MeterRegistry meters = responder.context.getBean(MeterRegistry.class);
        Counter presignedServed = meters.get("eimzo.ocsp.cache").tag("result", "presigned").counter();
        Counter hits = meters.get("eimzo.ocsp.cache").tag("result", "hit").counter();
        double presignedBefore = presignedServed.count();
        double hitsBefore = hits.count();

        byte[] first = ask(issued.serial(), null);
        byte[] second = ask(issued.serial(), null);
        byte[] third = ask(issued.serial(), null);

        assertThat(second).as("the same signed bytes").isEqualTo(first);
        assertThat(third).as("the same signed bytes").isEqualTo(first);
        assertThat(presignedServed.count() - presignedBefore).as("eimzo.ocsp.cache{result=presigned}: first and second")
                .isEqualTo(2.0);
        assertThat(hits.count() - hitsBefore).as("eimzo.ocsp.cache{result=hit}: third").isEqualTo(1.0);
    }

    @Test
    void aRevocationReplacesAPresignedAnswerAlreadyServedAndKept() throws Exception {
        IssuedCertificate issued = issuePresigned();
        assertThat(revoked(issued.serial())).as("good, from the pre-signed answer").isFalse();

        Duration answeredRevokedAfter = revokeAndAsk(issued.serial());

        assertThat(answeredRevokedAfter).isLessThan(Duration.ofSeconds(1));
    }

    /** A new certificate, once the pre-signer has signed an answer for it, and a second later. */
    private IssuedCertificate issuePresigned() {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // This certificate's own answer: the count of all answers can rise for another certificate's.
        while (!presigned.holds(issued.ca().id(), issued.serial()) && System.nanoTime() < deadline) {
            RunningResponder.sleep(100);
        }
        assertThat(presigned.holds(issued.ca().id(), issued.serial())).as("answer signed ahead").isTrue();
        // producedAt has whole seconds: a second later, an answer signed on request could not look older.
        RunningResponder.sleep(1100);
        return issued;
    }

    /**
     * Revokes, then asks until the answer is revoked: how long that took from the commit (the revocation's own audit
     * and CRL work are not the responder's); fails if it never was within two seconds.
     */
    private Duration revokeAndAsk(BigInteger serial) throws Exception {
        responder.ca.services.revocations().revoke(TestCa.ISSUING, serial, RevocationReason.KEY_COMPROMISE, null, "test");
        long start = System.nanoTime();
        boolean revoked = revoked(serial);
        while (!revoked && System.nanoTime() - start < Duration.ofSeconds(2).toNanos()) {
            RunningResponder.sleep(10);
            revoked = revoked(serial);
        }
        assertThat(revoked).as("answered revoked within two seconds").isTrue();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private boolean revoked(BigInteger serial) throws Exception {
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(ask(serial, null)).getResponseObject();
        return basic.getResponses()[0].getCertStatus() instanceof RevokedStatus;
    }

    private byte[] ask(BigInteger serial, byte[] nonce) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(Certificates.der(responder.ca.issuing.certificate())), serial);
        OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id);
        if (nonce != null) {
            request.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce))));
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.build().getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(response.body()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return response.body();
    }
}
