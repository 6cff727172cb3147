package uz.eimzo.ra.availability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uz.eimzo.ca.testing.PrivatePostgres;
import uz.eimzo.ra.RaApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every process of the RA's PostgreSQL stopped with SIGSTOP: connections stay open and nothing answers, the way a hung
 * host or a stalled disk behaves. Health must say DOWN within 2 seconds rather than leave a load balancer waiting, and
 * writes must still be refused cleanly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HungDatabaseTest {

    private static final Duration HEALTH_BOUND = Duration.ofSeconds(2);

    PrivatePostgres postgres;
    ConfigurableApplicationContext app;
    String base;
    String management;
    String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        postgres = PrivatePostgres.start(dir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.config.name", RaApplication.CONFIG_NAME);
        properties.put("spring.datasource.url", postgres.database().url());
        properties.put("spring.datasource.username", postgres.database().user());
        properties.put("spring.datasource.password", postgres.database().password());
        properties.put("eimzo.ca.demo", "true");
        properties.put("eimzo.ca.pkcs12", dir.resolve("demo-ca.p12").toString());
        properties.put("eimzo.ca.demo-credentials", dir.resolve("demo-operators.txt").toString());
        properties.put("eimzo.ra.personal-data-key", Base64.getEncoder().encodeToString(key));
        properties.put("eimzo.ra.https-port", "-1");
        // Command-line arguments outrank ra.properties (ports 8080 and 9080 must not be taken).
        app = new SpringApplicationBuilder(RaApplication.class).properties(properties)
                .run("--server.port=0", "--management.server.port=0");
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        management = "http://localhost:" + app.getEnvironment().getProperty("local.management.port",
                app.getEnvironment().getProperty("local.server.port"));
        token = Files.readAllLines(dir.resolve("demo-operators.txt")).stream()
                .filter(l -> l.startsWith("api-token ")).findFirst().orElseThrow().substring("api-token ".length());
        awaitStatus(base + "/actuator/health", 200, Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void healthSaysDownWithin2SecondsWhileTheDatabaseHangsAndUpWhenItAnswersAgain() throws Exception {
        assertThat(postgres.freeze()).isGreaterThan(1);
        try {
            for (int attempt = 1; attempt <= 3; attempt++) {
                long started = System.nanoTime();
                HttpResponse<String> health = get(base + "/actuator/health", Duration.ofSeconds(5));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.println("Public health with a hung database, attempt " + attempt + ": " + health.statusCode()
                        + " in " + took.toMillis() + " ms");
                assertThat(took).as("public health, attempt %d", attempt).isLessThan(HEALTH_BOUND);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"DOWN\"");
            }
            long started = System.nanoTime();
            HttpResponse<String> readiness = get(management + "/actuator/health/readiness", Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("readiness").isLessThan(HEALTH_BOUND);
            assertThat(readiness.statusCode()).isEqualTo(503);
            HttpResponse<String> liveness = get(management + "/actuator/health/liveness", Duration.ofSeconds(5));
            assertThat(liveness.statusCode()).as("a hung database never restarts the pod").isEqualTo(200);
        } finally {
            postgres.thaw();
        }
        awaitStatus(base + "/actuator/health", 200, Duration.ofSeconds(30));
    }

    @Test
    void writesAreRefusedCleanlyWhileTheDatabaseHangs() throws Exception {
        postgres.freeze();
        HttpResponse<String> write;
        try {
            write = http.send(HttpRequest.newBuilder(URI.create(base + "/api/requests")).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"idempotencyKey": "%s", "submit": true, "applicant": {"type": "INDIVIDUAL", "surname": "Aliyev",
                             "givenName": "Vali", "birthDate": "1990-03-15", "sex": "M", "pinfl": "31503901230452",
                             "documentType": "PASSPORT", "documentNumber": "AC1234567", "phone": "+998901234567",
                             "representative": false}}""".formatted(UUID.randomUUID()))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            postgres.thaw();
        }
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(write.body()).contains("nothing was changed");
        awaitStatus(base + "/actuator/health", 200, Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(String url, Duration timeout) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String url, int wanted, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get(url, Duration.ofSeconds(5));
                if (response.statusCode() == wanted) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (HttpTimeoutException slow) {
                last = "timed out";
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer " + wanted + " within " + bound + " (last: " + last + ")");
    }
}
