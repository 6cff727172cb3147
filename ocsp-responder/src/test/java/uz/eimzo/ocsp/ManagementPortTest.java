package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** With management.server.port set, probes and the scrape move off the public OCSP port. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortTest {

    RunningResponder responder;
    int management;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7), "--management.server.port=0");
        management = Integer.parseInt(responder.context.getEnvironment().getProperty("local.management.port"));
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void probesAndTheScrapeAnswerOnTheManagementPortOnly() throws Exception {
        assertThat(management).isNotEqualTo(responder.port);
        assertThat(status(management, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(management, "/actuator/prometheus")).isEqualTo(200);
        assertThat(status(responder.port, "/actuator/health")).isEqualTo(404);
        assertThat(status(responder.port, "/actuator/prometheus")).isEqualTo(404);
    }
}
