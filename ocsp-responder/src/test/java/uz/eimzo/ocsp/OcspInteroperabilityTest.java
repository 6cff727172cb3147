package uz.eimzo.ocsp;

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
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The responder as clients nobody here wrote see it: openssl ocsp, Java's PKIX revocation checker, raw HTTP. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcspInteroperabilityTest {

    RunningResponder responder;
    HttpClient http = HttpClient.newHttpClient();
    Path chain;
    Path issuer;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory);
        chain = responder.pem("chain.pem", responder.ca.issuing.certificate(), responder.ca.root.certificate());
        issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private Path leaf(IssuedCertificate issued) {
        return responder.pem("leaf-" + issued.serial().toString(16) + ".pem", issued.certificate());
    }

    private RunningResponder.Result openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-url", responder.url(), "-CAfile", chain.toString()));
        command.addAll(List.of(arguments));
        return RunningResponder.run(command);
    }

    @Test
    void goodCertificateIsReportedGoodToOpensslWithAVerifiedSignatureAndNonce() {
        Path leaf = leaf(responder.issue(TestCa.individual(), "individual"));
        var result = openssl("-issuer", issuer.toString(), "-cert", leaf.toString());
        assertThat(result.output()).contains("Response verify OK").contains(leaf + ": good")
                .doesNotContain("WARNING: no nonce");
    }

    @Test
    void requestWithoutNonceIsAnsweredAndVerifiedByOpenssl() {
        Path leaf = leaf(responder.issue(TestCa.individual(), "individual"));
        var result = openssl("-no_nonce", "-issuer", issuer.toString(), "-cert", leaf.toString());
        assertThat(result.output()).contains("Response verify OK").contains(leaf + ": good");
    }

    @Test
    void revokedCertificateIsReportedRevokedWithTimeAndReason() {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.KEY_COMPROMISE,
                null, "registrar");
        var result = openssl("-issuer", issuer.toString(), "-cert", leaf(issued).toString());
        assertThat(result.output()).contains("Response verify OK").contains(": revoked")
                .contains("Reason: keyCompromise").contains("Revocation Time:");
    }

    @Test
    void suspendedCertificateIsRevokedOnHoldAndGoodAgainOnceRestored() throws InterruptedException {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        Path leaf = leaf(issued);
        responder.ca.services.revocations().suspend(TestCa.ISSUING, issued.serial(), "registrar");
        assertThat(withinOneSecond(leaf, ": revoked")).contains("Reason: certificateHold");
        responder.ca.services.revocations().restore(TestCa.ISSUING, issued.serial(), "registrar");
        assertThat(withinOneSecond(leaf, leaf + ": good")).contains(leaf + ": good");
    }

    /** Nonce-free (cacheable) queries until the answer shows the change: responders learn of it asynchronously. */
    private String withinOneSecond(Path leaf, String expected) throws InterruptedException {
        String output = "";
        for (Instant deadline = Instant.now().plusSeconds(1); Instant.now().isBefore(deadline); Thread.sleep(20)) {
            output = openssl("-no_nonce", "-issuer", issuer.toString(), "-cert", leaf.toString()).output();
            if (output.contains(expected)) {
                break;
            }
        }
        return output;
    }

    @Test
    void serialWeNeverIssuedIsReportedUnknown() {
        var result = openssl("-issuer", issuer.toString(), "-serial", "0x1234567890abcdef");
        assertThat(result.output()).contains("Response verify OK").contains("0x1234567890abcdef: unknown");
    }

    @Test
    void severalCertificatesInOneRequestAreAnsweredTogether() {
        IssuedCertificate good = responder.issue(TestCa.individual(), "individual");
        IssuedCertificate revoked = responder.issue(TestCa.director(), "legal-entity");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, revoked.serial(), RevocationReason.SUPERSEDED,
                null, "registrar");
        Path goodPem = leaf(good);
        Path revokedPem = leaf(revoked);
        var result = openssl("-issuer", issuer.toString(), "-cert", goodPem.toString(), "-cert", revokedPem.toString());
        assertThat(result.output()).contains("Response verify OK").contains(goodPem + ": good")
                .contains(revokedPem + ": revoked").contains("Reason: superseded");
    }

    @Test
    void certificatesOfEveryCaWeOperateAreAnswered() {
        // The issuing CA's own certificate is answered for by the root's delegated responder.
        Path root = responder.pem("root.pem", responder.ca.root.certificate());
        Path issuingCa = responder.pem("issuing-ca.pem", responder.ca.issuing.certificate());
        var result = openssl("-issuer", root.toString(), "-cert", issuingCa.toString());
        assertThat(result.output()).contains("Response verify OK").contains(issuingCa + ": good");
    }

    @Test
    void issuerWeDoNotServeIsUnauthorized() {
        Path leaf = leaf(responder.issue(TestCa.individual(), "individual"));
        // Naming the leaf as its own issuer gives hashes of a CA we do not operate.
        var result = openssl("-issuer", leaf.toString(), "-cert", leaf.toString());
        assertThat(result.output()).contains("unauthorized");
    }

    @Test
    void oneRequestMixingCertificatesOfTwoCasIsUnauthorized() {
        Path leaf = leaf(responder.issue(TestCa.individual(), "individual"));
        Path root = responder.pem("mixed-root.pem", responder.ca.root.certificate());
        Path issuingCa = responder.pem("mixed-issuing-ca.pem", responder.ca.issuing.certificate());
        var result = openssl("-issuer", root.toString(), "-cert", issuingCa.toString(),
                "-issuer", issuer.toString(), "-cert", leaf.toString());
        assertThat(result.output()).contains("unauthorized");
    }

    @Test
    void getWithTheCurrentEtagIsNotModified() throws Exception {
        byte[] request = requestFor(leaf(responder.issue(TestCa.individual(), "individual")), true);
        URI uri = URI.create(responder.url() + "/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8));
        String etag = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
                .headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().allValues("ETag")).containsExactly(etag);
    }

    /** The status of a GET for a fresh cacheable answer, revalidated with this If-None-Match (the current tag is %s). */
    private int revalidated(String ifNoneMatch) throws Exception {
        byte[] request = requestFor(leaf(responder.issue(TestCa.individual(), "individual")), true);
        URI uri = URI.create(responder.url() + "/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8));
        String etag = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
                .headers().firstValue("ETag").orElseThrow();
        return http.send(HttpRequest.newBuilder(uri).header("If-None-Match", ifNoneMatch.formatted(etag)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }

    @Test
    void getWithAListOfEtagsContainingTheCurrentOneIsNotModified() throws Exception {
        assertThat(revalidated("\"0badc0ffee\", %s, \"deadbeef\"")).isEqualTo(304);
    }

    @Test
    void getWithTheCurrentEtagMarkedWeakIsNotModified() throws Exception {
        assertThat(revalidated("W/%s")).isEqualTo(304);
    }

    @Test
    void getWithAnyEtagIsNotModified() throws Exception {
        assertThat(revalidated("*")).isEqualTo(304);
    }

    @Test
    void getWithOnlyOtherEtagsIsAnsweredInFull() throws Exception {
        assertThat(revalidated("\"0badc0ffee\", W/\"deadbeef\"")).isEqualTo(200);
    }

    @Test
    void getRequestWithUrlEncodedBase64IsAnsweredWithHttpCachingHeaders() throws Exception {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        byte[] request = requestFor(leaf(issued), true);
        String path = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url() + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(OcspResponses.status(response.body())).isZero();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        assertThat(response.headers().firstValue("Cache-Control")).get().asString().contains("max-age=");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(response.headers().firstValue("Expires")).isPresent();
    }

    @Test
    void getRequestWithRawSlashesAndPlusesIsAnswered() throws Exception {
        byte[] request = requestFor(leaf(responder.issue(TestCa.individual(), "individual")), true);
        String path = Base64.getEncoder().encodeToString(request);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url() + "/" + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(OcspResponses.status(response.body())).isZero();
    }

    @Test
    void garbageBodyIsMalformedRequest() throws Exception {
        assertThat(post("not an OCSP request".getBytes())).isEqualTo(1);
    }

    @Test
    void emptyBodyIsMalformedRequest() throws Exception {
        assertThat(post(new byte[0])).isEqualTo(1);
    }

    @Test
    void oversizedBodyIsMalformedRequest() throws Exception {
        assertThat(post(new byte[1 << 20])).isEqualTo(1);
    }

    @Test
    void garbageInAGetPathIsMalformedRequest() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url() + "/this.is.not.base64")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(OcspResponses.status(response.body())).isEqualTo(1);
    }

    @Test
    void unsupportedMethodIsAnHttpErrorNotAServerFailure() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1})).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void revocationIsVisibleThroughTheCacheWithinOneSecond() throws Exception {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        byte[] request = requestFor(leaf(issued), true);
        String url = responder.url() + "/" + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8);
        byte[] good = get(url);
        assertThat(get(url)).isEqualTo(good); // served from the cache
        Instant revoked = Instant.now();
        responder.ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.KEY_COMPROMISE,
                null, "registrar");
        long delayMillis = -1;
        while (java.time.Duration.between(revoked, Instant.now()).toMillis() < 5000) {
            byte[] now = get(url);
            if (!java.util.Arrays.equals(now, good)) {
                delayMillis = java.time.Duration.between(revoked, Instant.now()).toMillis();
                break;
            }
            Thread.sleep(5);
        }
        System.out.println("Revocation visible through the cache after " + delayMillis + " ms");
        assertThat(delayMillis).isBetween(0L, 1000L);
        Path response = responder.directory.resolve("after-revoke.der");
        Files.write(response, get(url));
        assertThat(RunningResponder.run(List.of("openssl", "ocsp", "-respin", response.toString(), "-CAfile",
                chain.toString(), "-issuer", issuer.toString(), "-cert", leaf(issued).toString())).output())
                .contains(": revoked");
    }

    @Test
    void revocationIsVisibleToRequestsWithANonceWithinOneSecond() throws Exception {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        Path leaf = leaf(issued);
        // The first answer keeps the status in memory; the revocation must drop it.
        assertThat(openssl("-issuer", issuer.toString(), "-cert", leaf.toString()).output()).contains(leaf + ": good");
        assertThat(openssl("-issuer", issuer.toString(), "-cert", leaf.toString()).output()).contains(leaf + ": good");
        Instant revoked = Instant.now();
        responder.ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.KEY_COMPROMISE,
                null, "registrar");
        long delayMillis = -1;
        while (java.time.Duration.between(revoked, Instant.now()).toMillis() < 5000) {
            String output = openssl("-issuer", issuer.toString(), "-cert", leaf.toString()).output();
            if (output.contains(leaf + ": revoked")) {
                delayMillis = java.time.Duration.between(revoked, Instant.now()).toMillis();
                break;
            }
            assertThat(output).contains("Response verify OK").contains(leaf + ": good");
        }
        assertThat(delayMillis).isBetween(0L, 1000L);
    }

    @Test
    void javaPkixRevocationCheckerAcceptsAGoodCertificateOverOcsp() throws Exception {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        validateWithJava(issued);
    }

    @Test
    void javaPkixRevocationCheckerRejectsARevokedCertificateOverOcsp() {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.CESSATION_OF_OPERATION,
                null, "registrar");
        assertThatThrownBy(() -> validateWithJava(issued)).isInstanceOf(CertPathValidatorException.class)
                .satisfies(e -> assertThat(((CertPathValidatorException) e).getReason())
                        .isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    private void validateWithJava(IssuedCertificate issued) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOcspResponder(URI.create(responder.url()));
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(responder.ca.root.certificate(), null)));
        parameters.addCertPathChecker(checker);
        parameters.setRevocationEnabled(true);
        var path = CertificateFactory.getInstance("X.509").generateCertPath(
                List.of(issued.certificate(), responder.ca.issuing.certificate()));
        validator.validate(path, parameters);
    }

    private byte[] requestFor(Path leaf, boolean noNonce) {
        return responder.requestFor(issuer, leaf, !noNonce);
    }

    private int post(byte[] body) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return OcspResponses.status(response.body());
    }

    private byte[] get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
