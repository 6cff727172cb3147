package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.Prometheus;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.status.StatusIndex;
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The responder's probes and Prometheus scrape, against a real CA database and real OCSP requests from openssl. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResponderMonitoringTest {

    RunningResponder responder;
    TestDatabase db;
    Path directory;
    Path issuer;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        this.db = db;
        this.directory = directory;
        // The cache is what is counted here: no answers signed ahead, which would answer a first request too.
        responder = RunningResponder.start(db, directory, Duration.ofDays(7), "--eimzo.monitoring.refresh=PT0S",
                "--eimzo.ocsp.presign.enabled=false");
        issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
        publishCrls(Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private void publishCrls(Clock clock) {
        CrlIssuer crls = new CrlIssuer(db.dataSource(), new CaSigner(List.of(responder.ca.storage)), CrlSchedule.defaults(),
                new PublicationUrls(TestCa.RESPONDER_BASE), clock);
        for (var ca : responder.ca.services.authorities().list()) {
            crls.issueFull(ca.name(), "test");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(responder.management() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Prometheus scrape() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return Prometheus.parse(response.body());
    }

    private int ocsp(byte[] request) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return OcspResponses.status(response.body());
    }

    private Path leaf(String name) {
        X509Certificate certificate = responder.issue(TestCa.individual(), "individual").certificate();
        // The status index's round that first reads a new certificate drops its cached answers (it cannot tell a new
        // certificate from one changed without a notification): let that happen before anything is counted.
        StatusIndex index = responder.context.getBean(StatusIndex.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (index.lookup(responder.ca.issuing.id(), certificate.getSerialNumber()).verdict() != StatusIndex.Verdict.KNOWN
                && System.nanoTime() < deadline) {
            RunningResponder.sleep(50);
        }
        return responder.pem(name, certificate);
    }

    /** An openssl request for a serial number we never issued, under the issuing CA. */
    private byte[] requestForSerial(Path issuerPem, String serial) throws Exception {
        Path out = directory.resolve("serial-" + System.nanoTime() + ".der");
        var result = RunningResponder.run(List.of("openssl", "ocsp", "-issuer", issuerPem.toString(), "-serial", serial,
                "-reqout", out.toString(), "-no_nonce"));
        assertThat(result.exit()).as(result.output()).isZero();
        return Files.readAllBytes(out);
    }

    private static double delta(Prometheus before, Prometheus after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    @Order(1)
    void answersAreTimedByCertificateStatusOrErrorStatus() throws Exception {
        byte[] good = responder.requestFor(issuer, leaf("good.pem"), true);
        var revokedCertificate = responder.issue(TestCa.individual(), "individual").certificate();
        responder.ca.services.revocations().revoke(TestCa.ISSUING, revokedCertificate.getSerialNumber(),
                RevocationReason.KEY_COMPROMISE, null, "test");
        byte[] revoked = responder.requestFor(issuer, responder.pem("revoked.pem", revokedCertificate), true);
        byte[] unknown = requestForSerial(issuer, "0x0badc0ffee");
        // An issuer we do not serve: the leaf itself posing as a CA.
        byte[] unauthorized = requestForSerial(leaf("not-a-ca.pem"), "0x01");
        Prometheus before = scrape();

        assertThat(ocsp(good)).isZero();
        assertThat(ocsp(good)).isZero();
        assertThat(ocsp(revoked)).isZero();
        assertThat(ocsp(unknown)).isZero();
        assertThat(ocsp(unauthorized)).isEqualTo(6);
        assertThat(ocsp(new byte[]{0x30, 0x03, 0x02, 0x01})).isEqualTo(1);

        Prometheus after = scrape();
        assertThat(delta(before, after, "eimzo_ocsp_requests_seconds_count", Map.of("status", "good"))).isEqualTo(2.0);
        assertThat(delta(before, after, "eimzo_ocsp_requests_seconds_count", Map.of("status", "revoked"))).isEqualTo(1.0);
        assertThat(delta(before, after, "eimzo_ocsp_requests_seconds_count", Map.of("status", "unknown"))).isEqualTo(1.0);
        assertThat(delta(before, after, "eimzo_ocsp_requests_seconds_count", Map.of("status", "unauthorized"))).isEqualTo(1.0);
        assertThat(delta(before, after, "eimzo_ocsp_requests_seconds_count", Map.of("status", "malformed"))).isEqualTo(1.0);
        assertThat(delta(before, after, "eimzo_ocsp_requests_seconds_count", Map.of("status", "tryLater"))).isZero();
        assertThat(after.find("eimzo_ocsp_requests_seconds_bucket", Map.of("status", "good"))).isNotEmpty();
    }

    @Test
    @Order(2)
    void repeatedRequestsWithoutNonceAreCacheHits() throws Exception {
        byte[] request = responder.requestFor(issuer, leaf("cached.pem"), false);
        byte[] withNonce = responder.requestFor(issuer, leaf("nonce.pem"), true);
        Prometheus before = scrape();

        ocsp(request);
        ocsp(request);
        ocsp(request);
        ocsp(withNonce);

        Prometheus after = scrape();
        // Requests with a nonce are never cacheable, so they count neither way.
        assertThat(delta(before, after, "eimzo_ocsp_cache_total", Map.of("result", "miss"))).isEqualTo(1.0);
        assertThat(delta(before, after, "eimzo_ocsp_cache_total", Map.of("result", "hit"))).isEqualTo(2.0);
        assertThat(after.value("eimzo_ocsp_cache_size", Map.of())).isGreaterThanOrEqualTo(1.0);
        // Caffeine's own statistics of the signed-answer cache, next to ours.
        assertThat(delta(before, after, "cache_gets_total", Map.of("cache", "ocsp.responses", "result", "hit"))).isEqualTo(2.0);
        assertThat(after.value("cache_size", Map.of("cache", "ocsp.responses"))).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @Order(3)
    void crlAgeAndTimeToNextUpdateArePublishedPerCa() throws Exception {
        Prometheus metrics = scrape();
        Map<String, String> full = Map.of("ca", TestCa.ISSUING, "kind", "full");

        assertThat(metrics.value("eimzo_crl_age_seconds", full)).isBetween(0.0, 600.0);
        assertThat(metrics.value("eimzo_crl_next_update_seconds", full))
                .isCloseTo((double) Duration.ofDays(7).toSeconds(), within(600.0));
        assertThat(metrics.value("eimzo_crl_stale", Map.of())).isZero();
    }

    @Test
    @Order(4)
    void staleCrlShowsInPublicationHealthButKeepsTheResponderInRotation() throws Exception {
        assertThat(get("/actuator/health/publication").statusCode()).isEqualTo(200);

        // A CRL whose nextUpdate passed yesterday becomes the issuing CA's newest: what a stalled CRL job leads to.
        CrlIssuer late = new CrlIssuer(db.dataSource(), new CaSigner(List.of(responder.ca.storage)), CrlSchedule.defaults(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC));
        late.issueFull(TestCa.ISSUING, "test");

        HttpResponse<String> publication = get("/actuator/health/publication");
        assertThat(publication.statusCode()).isEqualTo(503);
        assertThat(publication.body()).contains("\"crl\"").contains("has passed");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(scrape().value("eimzo_crl_stale", Map.of())).isEqualTo(1.0);

        publishCrls(Clock.systemUTC());
        assertThat(get("/actuator/health/publication").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aServedCaWithoutAValidResponderCertificateMakesTheResponderUnready() throws Exception {
        responder.ca.services.authorities().createIssuing(TestCa.ROOT, "second-issuing", TestCa.caName("Second Issuing CA"),
                KeyAlgorithm.EC_P256, Period.ofYears(5), new CaKeyStore(responder.ca.storage), "ceremony");
        publishCrls(Clock.systemUTC());

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        // The responder notices the new CA at its next round (every second here) and asks for a certificate.
        for (long deadline = System.nanoTime() + 30_000_000_000L; !readiness.body().contains("\"second-issuing\":\"none valid\"")
                && System.nanoTime() < deadline; readiness = get("/actuator/health/readiness")) {
            Thread.sleep(200);
        }
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"second-issuing\":\"none valid\"");

        // The CA side certifies the key the responder asked for: ready again.
        for (long deadline = System.nanoTime() + 30_000_000_000L; readiness.statusCode() != 200
                && System.nanoTime() < deadline; readiness = get("/actuator/health/readiness")) {
            responder.caSide.issuePending("ocsp-test");
            Thread.sleep(200);
        }
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    }
}
