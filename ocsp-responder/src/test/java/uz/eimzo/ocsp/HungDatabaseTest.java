package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PrivatePostgres;
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every process of the responder's PostgreSQL stopped with SIGSTOP (connections open, nothing answers). Health says
 * DOWN within 2 seconds; cached answers keep coming while the status feed still listens, then tryLater once it has
 * given up (never a "good" nobody can vouch for); readiness follows the status feed, not the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HungDatabaseTest {

    private static final Duration HEALTH_BOUND = Duration.ofSeconds(2);

    PrivatePostgres postgres;
    RunningResponder responder;
    byte[] request;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start(@TempDir Path directory) {
        postgres = PrivatePostgres.start(directory);
        responder = RunningResponder.start(postgres.database(), directory);
        Path issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
        Path leaf = responder.pem("leaf.pem", responder.issue(TestCa.individual(), "individual").certificate());
        request = responder.requestFor(issuer, leaf, false);
    }

    @AfterAll
    void stop() {
        if (responder != null) {
            responder.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void cachedAnswersKeepComingAndHealthSaysDownWithin2SecondsThenTryLaterUntilTheDatabaseAnswers() throws Exception {
        assertThat(ocspStatus()).isZero();
        assertThat(ocspStatus()).as("now cached").isZero();

        postgres.freeze();
        long frozenAt = System.nanoTime();
        try {
            assertThat(ocspStatus()).as("the cached answer while the status feed still listens").isZero();

            long started = System.nanoTime();
            HttpResponse<String> health = get(responder.base() + "/actuator/health");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("Responder's public health with a hung database: " + health.statusCode() + " in "
                    + took.toMillis() + " ms");
            assertThat(took).isLessThan(HEALTH_BOUND);
            assertThat(health.statusCode()).isEqualTo(503);

            started = System.nanoTime();
            JsonNode details = json.readTree(get(responder.management() + "/actuator/health").body());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(HEALTH_BOUND);
            assertThat(details.path("components").path("db").path("status").asString()).isEqualTo("DOWN");
            assertThat(details.path("components").path("responderHealth").path("details").path("statusFeed").asString())
                    .as(details.toString()).isEqualTo("listening");
            HttpResponse<String> readiness = get(responder.management() + "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as("in rotation while it answers from its cache: " + readiness.body())
                    .isEqualTo(200);

            int status = ocspStatus();
            while (status == 0 && System.nanoTime() - frozenAt < Duration.ofSeconds(40).toNanos()) {
                Thread.sleep(200);
                status = ocspStatus();
            }
            System.out.println("Cached answers served for " + Duration.ofNanos(System.nanoTime() - frozenAt).toMillis()
                    + " ms of the hang");
            assertThat(status).as("tryLater once the status feed has given up").isEqualTo(3);
            assertThat(get(responder.management() + "/actuator/health/readiness").statusCode())
                    .as("out of rotation without the status feed").isEqualTo(503);
        } finally {
            postgres.thaw();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = ocspStatus();
        while (status != 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = ocspStatus();
        }
        assertThat(status).as("successful again once the database answers").isZero();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int ocspStatus() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return OcspResponses.status(response.body());
    }
}
