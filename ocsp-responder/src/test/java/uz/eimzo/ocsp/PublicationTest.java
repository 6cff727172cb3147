package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CRLs and CA certificates are downloadable at the URLs our certificates name, in the media types RFC 5280 says. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationTest {

    RunningResponder responder;
    CrlIssuer crls;
    TestDatabase db;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        this.db = db;
        responder = RunningResponder.start(db, directory);
        crls = new CrlIssuer(db.dataSource(), new CaSigner(List.of(responder.ca.storage)), CrlSchedule.defaults(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    /** The path part of a URL our certificates carry, fetched from the running responder. */
    private HttpResponse<byte[]> fetch(String publishedUrl) throws Exception {
        String path = URI.create(publishedUrl).getPath();
        return http.send(HttpRequest.newBuilder(URI.create(responder.base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void fullCrlIsServedAtTheDistributionPointAsPkixCrlAndOpensslRejectsTheRevokedCertificateWithIt() throws Exception {
        IssuedCertificate revoked = responder.issue(TestCa.individual(), "individual");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, revoked.serial(), RevocationReason.KEY_COMPROMISE, null, "registrar");
        crls.issueFull(TestCa.ISSUING, "crl-test");

        HttpResponse<byte[]> response = fetch(new PublicationUrls(TestCa.RESPONDER_BASE).crl(TestCa.ISSUING));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        Path crl = Files.write(responder.directory.resolve("downloaded.crl"), response.body());
        Path chain = responder.pem("pub-chain.pem", responder.ca.issuing.certificate(), responder.ca.root.certificate());
        Path leaf = responder.pem("pub-revoked.pem", revoked.certificate());
        Path crlPem = responder.directory.resolve("downloaded.crl.pem");
        RunningResponder.run(List.of("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-out", crlPem.toString()));
        assertThat(RunningResponder.run(List.of("openssl", "verify", "-crl_check", "-CAfile", chain.toString(),
                "-CRLfile", crlPem.toString(), leaf.toString())).output()).contains("certificate revoked");
    }

    @Test
    void afterARevocationTheServedFullCrlAloneMakesOpensslGnutlsAndNssRejectTheCertificate() throws Exception {
        IssuedCertificate good = responder.issue(TestCa.individual(), "individual");
        IssuedCertificate revoked = responder.issue(TestCa.individual(), "individual");
        crls.issueFull(TestCa.ISSUING, "crl-test");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, revoked.serial(), RevocationReason.KEY_COMPROMISE, null, "registrar");
        // What the CA's CRL job does after the status change, with eimzo.ca.full-crl-after-revocation=PT0S.
        new CrlIssuer(db.dataSource(), new CaSigner(List.of(responder.ca.storage)),
                CrlSchedule.defaults().withFullAfterRevocation(java.time.Duration.ZERO), new PublicationUrls(TestCa.RESPONDER_BASE),
                Clock.systemUTC()).issueAfterChange(TestCa.ISSUING, "crl-test");

        byte[] full = fetch(new PublicationUrls(TestCa.RESPONDER_BASE).crl(TestCa.ISSUING)).body();

        var clients = new uz.eimzo.ca.crl.FullCrlClients(responder.directory, responder.ca.root.certificate(),
                responder.ca.issuing.certificate());
        assertThat(clients.check(revoked.certificate(), full).values())
                .allSatisfy(verdict -> assertThat(verdict.revoked()).as(verdict.tool() + ":\n" + verdict.output()).isTrue());
        assertThat(clients.check(good.certificate(), full).values())
                .allSatisfy(verdict -> assertThat(verdict.accepted()).as(verdict.tool() + ":\n" + verdict.output()).isTrue());
    }

    @Test
    void deltaCrlIsServedNextToTheFullCrl() throws Exception {
        crls.issueFull(TestCa.ISSUING, "crl-test");
        var delta = crls.issueDelta(TestCa.ISSUING, "crl-test");

        HttpResponse<byte[]> response = fetch(new PublicationUrls(TestCa.RESPONDER_BASE).deltaCrl(TestCa.ISSUING));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(delta.der());
    }

    @Test
    void caCertificateIsServedAtTheCaIssuersUrlAsPkixCert() throws Exception {
        HttpResponse<byte[]> response = fetch(new PublicationUrls(TestCa.RESPONDER_BASE).caCertificate(TestCa.ISSUING));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-cert");
        assertThat(response.body()).isEqualTo(responder.ca.issuing.certificate().getEncoded());
    }

    @Test
    void unknownCaIsNotFound() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(URI.create(responder.base() + "/crl/nobody.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(responder.base() + "/ca/nobody.crt")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(404);
    }
}
