package uz.eimzo.ra.health;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import uz.eimzo.ra.support.ObservedRaTestBase;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With management.server.port set, actuator leaves the operators' port and keeps the same access rules. */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends ObservedRaTestBase {

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void probesAndTheScrapeAreOpenOnTheManagementPortAndOtherEndpointsStayProtected() throws Exception {
        int management = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));

        assertThat(management).isNotEqualTo(port);
        assertThat(status(management, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(management, "/actuator/prometheus")).isEqualTo(200);
        assertThat(status(management, "/actuator/info")).isIn(401, 403);
        assertThat(status(port, "/actuator/prometheus")).as("not on the operators' port").isNotEqualTo(200);
    }
}
