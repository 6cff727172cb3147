package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.fast.NettyOcspServer;
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Netty listener ({@code eimzo.ocsp.netty.port}) seen from outside, beside Tomcat's port of the same responder:
 * openssl ocsp and Java's PKIX checker accept its answers, and for the same request both ports give the same status
 * code, content type, caching headers and OCSP answer, malformed and oversized requests included.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NettyListenerTest {

    RunningResponder responder;
    String netty;
    HttpClient http = HttpClient.newHttpClient();
    Path chain;
    Path issuer;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7), "--eimzo.ocsp.netty.port=0");
        netty = "http://localhost:" + responder.context.getBean(NettyOcspServer.class).port() + "/ocsp";
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

    private Path newLeaf() {
        return leaf(responder.issue(TestCa.individual(), "individual"));
    }

    private String openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-url", netty, "-CAfile", chain.toString()));
        command.addAll(List.of(arguments));
        return RunningResponder.run(command).output();
    }

    @Test
    void opensslVerifiesAGoodAnswerWithItsNonce() {
        Path leaf = newLeaf();
        assertThat(openssl("-issuer", issuer.toString(), "-cert", leaf.toString()))
                .contains("Response verify OK").contains(leaf + ": good").doesNotContain("WARNING: no nonce");
    }

    @Test
    void opensslVerifiesANonceFreeAnswerServedFromTheCache() {
        Path leaf = newLeaf();
        openssl("-no_nonce", "-issuer", issuer.toString(), "-cert", leaf.toString());
        assertThat(openssl("-no_nonce", "-issuer", issuer.toString(), "-cert", leaf.toString()))
                .contains("Response verify OK").contains(leaf + ": good");
    }

    @Test
    void revokedCertificateIsRevokedWithReason() {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        responder.ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.KEY_COMPROMISE,
                null, "registrar");
        assertThat(openssl("-issuer", issuer.toString(), "-cert", leaf(issued).toString()))
                .contains("Response verify OK").contains(": revoked").contains("Reason: keyCompromise");
    }

    @Test
    void serialNeverIssuedIsUnknown() {
        assertThat(openssl("-issuer", issuer.toString(), "-serial", "0x1234567890abcdef"))
                .contains("Response verify OK").contains("0x1234567890abcdef: unknown");
    }

    @Test
    void severalCertificatesInOneRequestAreAnsweredTogether() {
        Path first = newLeaf();
        Path second = newLeaf();
        assertThat(openssl("-issuer", issuer.toString(), "-cert", first.toString(), "-cert", second.toString()))
                .contains("Response verify OK").contains(first + ": good").contains(second + ": good");
    }

    @Test
    void issuerWeDoNotServeIsUnauthorized() {
        Path leaf = newLeaf();
        assertThat(openssl("-issuer", leaf.toString(), "-cert", leaf.toString())).contains("unauthorized");
    }

    @Test
    void javaPkixRevocationCheckerAcceptsAGoodCertificate() throws Exception {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOcspResponder(URI.create(netty));
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(responder.ca.root.certificate(), null)));
        parameters.addCertPathChecker(checker);
        parameters.setRevocationEnabled(true);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(
                List.of(issued.certificate(), responder.ca.issuing.certificate())), parameters);
    }

    @Test
    void aNonceFreePostGetsTheSameAnswerBytesOnBothPorts() throws Exception {
        byte[] request = responder.requestFor(issuer, newLeaf(), false);
        HttpResponse<byte[]> tomcat = post(responder.url(), request);
        HttpResponse<byte[]> fromNetty = post(netty, request);
        assertThat(OcspResponses.status(fromNetty.body())).isZero();
        assertThat(fromNetty.body()).isEqualTo(tomcat.body());
        assertThat(fromNetty.headers().firstValue("Content-Type")).isEqualTo(tomcat.headers().firstValue("Content-Type"));
        assertThat(fromNetty.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store")
                .isEqualTo(tomcat.headers().firstValue("Cache-Control"));
    }

    @Test
    void aGetGetsTheSameAnswerAndCachingHeadersOnBothPorts() throws Exception {
        String path = "/" + URLEncoder.encode(Base64.getEncoder().encodeToString(
                responder.requestFor(issuer, newLeaf(), false)), StandardCharsets.UTF_8);
        HttpResponse<byte[]> tomcat = get(responder.url() + path);
        HttpResponse<byte[]> fromNetty = get(netty + path);
        assertThat(fromNetty.statusCode()).isEqualTo(200);
        assertThat(fromNetty.body()).isEqualTo(tomcat.body());
        for (String header : List.of("Content-Type", "ETag", "Last-Modified", "Expires")) {
            assertThat(fromNetty.headers().firstValue(header)).as(header).isPresent().isEqualTo(tomcat.headers().firstValue(header));
        }
        // IMF-fixdate (RFC 9110 section 5.6.7): a two-digit day on the first nine days of a month too.
        assertThat(fromNetty.headers().firstValue("Expires")).get().asString()
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        // max-age counts down: the two answers may straddle a second.
        long tomcatAge = maxAge(tomcat);
        assertThat(maxAge(fromNetty)).isBetween(tomcatAge - 1, tomcatAge);
        assertThat(fromNetty.headers().firstValue("Cache-Control").orElseThrow())
                .endsWith(", public, no-transform, must-revalidate");
    }

    @Test
    void aGetWithTheCurrentEtagIsNotModified() throws Exception {
        String url = netty + "/" + Base64.getEncoder().encodeToString(responder.requestFor(issuer, newLeaf(), false));
        String etag = get(url).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", "\"0bad\", W/" + etag)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().allValues("ETag")).containsExactly(etag);
        assertThat(again.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "empty", "oversized"})
    void aBadPostBodyIsMalformedRequestOnBothPorts(String kind) throws Exception {
        byte[] body = switch (kind) {
            case "garbage" -> "not an OCSP request".getBytes();
            case "empty" -> new byte[0];
            default -> new byte[1 << 20];
        };
        HttpResponse<byte[]> tomcat = post(responder.url(), body);
        HttpResponse<byte[]> fromNetty = post(netty, body);
        assertThat(fromNetty.statusCode()).isEqualTo(tomcat.statusCode()).isEqualTo(200);
        assertThat(OcspResponses.status(fromNetty.body())).isEqualTo(OcspResponses.status(tomcat.body())).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/this.is.not.base64", "/", "", "/AAAA"})
    void aBadGetPathIsMalformedRequestOnBothPorts(String path) throws Exception {
        HttpResponse<byte[]> tomcat = get(responder.url() + path);
        HttpResponse<byte[]> fromNetty = get(netty + path);
        assertThat(fromNetty.statusCode()).isEqualTo(tomcat.statusCode()).isEqualTo(200);
        assertThat(OcspResponses.status(fromNetty.body())).isEqualTo(OcspResponses.status(tomcat.body())).isEqualTo(1);
    }

    @Test
    void aHeadGetsTheGetsHeadersWithoutTheBodyOnBothPorts() throws Exception {
        String path = "/" + Base64.getEncoder().encodeToString(responder.requestFor(issuer, newLeaf(), false));
        get(netty + path);
        HttpResponse<byte[]> tomcat = head(responder.url() + path);
        HttpResponse<byte[]> fromNetty = head(netty + path);
        assertThat(fromNetty.statusCode()).isEqualTo(tomcat.statusCode()).isEqualTo(200);
        assertThat(fromNetty.body()).isEmpty();
        for (String header : List.of("Content-Type", "Content-Length", "ETag", "Expires")) {
            assertThat(fromNetty.headers().firstValue(header)).as(header).isPresent().isEqualTo(tomcat.headers().firstValue(header));
        }
    }

    @Test
    void aGetWithRawSlashesAndPlusesIsAnswered() throws Exception {
        String url = netty + "/" + Base64.getEncoder().encodeToString(responder.requestFor(issuer, newLeaf(), true));
        assertThat(OcspResponses.status(get(url).body())).isZero();
    }

    @Test
    void anUnsupportedMethodIs405OnBothPorts() throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder().PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1}));
        int tomcat = http.send(put.uri(URI.create(responder.url())).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        int fromNetty = http.send(put.uri(URI.create(netty)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(fromNetty).isEqualTo(tomcat).isEqualTo(405);
    }

    @Test
    void aPathOutsideOcspIsNotFound() throws Exception {
        assertThat(get(netty.replace("/ocsp", "/nothing-here")).statusCode()).isEqualTo(404);
    }

    @Test
    void theCallersRequestIdComesBackAndAForgedOneIsReplaced() throws Exception {
        byte[] request = responder.requestFor(issuer, newLeaf(), true);
        HttpResponse<byte[]> traced = http.send(HttpRequest.newBuilder(URI.create(netty)).header("X-Request-Id", "relying-party.42")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> forged = http.send(HttpRequest.newBuilder(URI.create(netty)).header("X-Request-Id", "a\"b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(traced.headers().firstValue("X-Request-Id")).hasValue("relying-party.42");
        assertThat(forged.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f-]{36}");
    }

    @Test
    void aRevocationIsSeenThroughTheCachedAnswerWithinOneSecond() throws Exception {
        IssuedCertificate issued = responder.issue(TestCa.individual(), "individual");
        byte[] request = responder.requestFor(issuer, leaf(issued), false);
        byte[] good = post(netty, request).body();
        assertThat(post(netty, request).body()).isEqualTo(good);
        Instant revoked = Instant.now();
        responder.ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.KEY_COMPROMISE,
                null, "registrar");
        long delayMillis = -1;
        while (Duration.between(revoked, Instant.now()).toMillis() < 5000) {
            if (!Arrays.equals(post(netty, request).body(), good)) {
                delayMillis = Duration.between(revoked, Instant.now()).toMillis();
                break;
            }
            Thread.sleep(5);
        }
        assertThat(delayMillis).isBetween(0L, 1000L);
    }

    private HttpResponse<byte[]> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> head(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long maxAge(HttpResponse<?> response) {
        String cacheControl = response.headers().firstValue("Cache-Control").orElseThrow();
        return Long.parseLong(cacheControl.replaceAll("^max-age=(\\d+),.*$", "$1"));
    }
}
