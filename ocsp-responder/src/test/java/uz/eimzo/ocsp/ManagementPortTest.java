package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.testing.LocalAddresses;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the shipped settings, metrics and detailed health (database, disk, responder certificates) live on a management
 * port of their own; the public OCSP port answers {@code /actuator/health} with the status alone.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortTest {

    RunningResponder responder;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory);
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int management() {
        return Integer.parseInt(responder.context.getEnvironment().getProperty("local.management.port",
                String.valueOf(responder.port)));
    }

    @Test
    void thePublicPortHasNoMetricsAndNoHealthDetails() throws Exception {
        HttpResponse<String> health = send(responder.port, "/actuator/health");

        assertThat(send(responder.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(send(responder.port, "/actuator/health/responderHealth").statusCode()).isEqualTo(404);
        assertThat(send(responder.port, "/actuator/health/readiness").statusCode()).isEqualTo(404);
        assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
        assertThat(json.readTree(health.body()).properties()).as(health.body()).hasSize(1);
        assertThat(health.body()).doesNotContain("responderCertificates", "diskSpace", "PostgreSQL");
    }

    @Test
    void theManagementPortServesTheScrapeProbesAndDetails() throws Exception {
        assertThat(management()).isNotEqualTo(responder.port);
        assertThat(send(management(), "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(send(management(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(send(management(), "/actuator/health").body());
        assertThat(health.path("components").path("responderHealth").path("details").has("responderCertificates"))
                .as(health.toString()).isTrue();
    }

    @Test
    void theManagementPortListensOnLoopbackOnly() {
        assertThat(LocalAddresses.reachableFromOutsideLoopback(management())).isFalse();
    }
}
