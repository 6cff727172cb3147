package uz.eimzo.ra.health;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.testing.LocalAddresses;
import uz.eimzo.ra.support.ObservedRaTestBase;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the shipped settings, metrics and detailed health live on a management port of their own; the public port
 * answers only {@code /actuator/health} with the status alone, for load balancers.
 */
class ManagementPortTest extends ObservedRaTestBase {

    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int management() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port", String.valueOf(port)));
    }

    @Test
    void thePublicPortHasNoMetricsNoProbeDetailsAndNoOtherActuatorEndpoint() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health/readiness", "/actuator/health/db",
                "/actuator/info", "/actuator"}) {
            HttpResponse<String> response = send(port, path);
            // Like any unknown page of the operators' site: the sign-in page, never the endpoint.
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void thePublicHealthIsTheStatusAlone() throws Exception {
        HttpResponse<String> health = send(port, "/actuator/health");

        JsonNode body = json.readTree(health.body());
        assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
        assertThat(body.path("status").asString()).isIn("UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN");
        assertThat(body.properties()).as(health.body()).hasSize(1);
    }

    @Test
    void theManagementPortServesTheScrapeAndHealthWithDetails() throws Exception {
        assertThat(management()).isNotEqualTo(port);
        assertThat(send(management(), "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(send(management(), "/actuator/health/liveness").statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(send(management(), "/actuator/health").body());
        assertThat(health.path("components").path("db").path("status").asString()).isIn("UP", "DOWN");
        assertThat(health.path("components").path("caKeys").has("details")).as(health.toString()).isTrue();
        assertThat(send(management(), "/actuator/info").statusCode()).as("other endpoints stay for administrators")
                .isIn(401, 403);
    }

    @Test
    void theManagementPortListensOnLoopbackOnly() {
        assertThat(context.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
        assertThat(LocalAddresses.reachableFromOutsideLoopback(management())).isFalse();
    }
}
