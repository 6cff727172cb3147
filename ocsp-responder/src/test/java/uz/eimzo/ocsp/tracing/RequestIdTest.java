package uz.eimzo.ocsp.tracing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.RunningResponder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every responder request has an id: in the answer's header and in the JSON log lines the request causes. */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    RunningResponder responder;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7),
                "--logging.config=classpath:logback-structured.xml", "--logging.structured.format.console=ecs",
                "--logging.level.uz.eimzo.monitoring.tracing=DEBUG");
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private HttpResponse<byte[]> post(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{0x30, 0x00}));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aWellFormedIncomingRequestIdIsEchoed() throws Exception {
        assertThat(post("X-Request-Id", "edge-42.abc").headers().firstValue("X-Request-Id")).hasValue("edge-42.abc");
    }

    @Test
    void aRequestWithoutIdGetsAFreshOne() throws Exception {
        assertThat(post().headers().firstValue("X-Request-Id").orElseThrow()).matches(UUID);
    }

    @Test
    void malformedIdsAreReplacedAndOnlyTheirLengthIsLoggedAsJsonWithTheNewId(CapturedOutput output) throws Exception {
        String forged = "x\"},\"log\":{\"level\":\"ERROR\"},\"message\":\"forged";
        List<String> malicious = List.of(forged, "y".repeat(6000), "with space", "\u00e9t\u00e9");
        List<String> answered = new ArrayList<>();
        for (String header : malicious) {
            String id = post("X-Request-Id", header).headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).as("answer to %.40s", header).matches(UUID);
            answered.add(id);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        for (String id : answered) {
            JsonNode replaced = lines.stream().filter(l -> id.equals(l.path("requestId").asString())).findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON log line with requestId " + id + " in " + output.getOut()));
            assertThat(replaced.path("message").asString()).startsWith("Replaced a malformed X-Request-Id header of");
        }
        assertThat(output.getOut()).doesNotContain("forged").doesNotContain("y".repeat(100));
    }
}
