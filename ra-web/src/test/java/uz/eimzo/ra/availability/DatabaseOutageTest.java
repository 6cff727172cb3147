package uz.eimzo.ra.availability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uz.eimzo.ra.RaApplication;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under a running RA and started again: requests get 503 with Retry-After (HTML for people,
 * JSON for the API), never a 500, and the application recovers by itself.
 */
class DatabaseOutageTest {

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void outageAnswers503AndTheApplicationRecoversWhenPostgresReturns(@TempDir Path dir) throws Exception {
        int pgPort = freePort();
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = postgres(data, pgPort);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.config.name", RaApplication.CONFIG_NAME);
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("eimzo.ca.demo", "true");
        properties.put("eimzo.ca.pkcs12", dir.resolve("demo-ca.p12").toString());
        properties.put("eimzo.ca.demo-credentials", dir.resolve("demo-operators.txt").toString());
        properties.put("eimzo.ra.personal-data-key", Base64.getEncoder().encodeToString(key));
        properties.put("eimzo.ra.https-port", "-1");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(RaApplication.class).properties(properties).run();
        try {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            String token = Files.readAllLines(dir.resolve("demo-operators.txt")).stream()
                    .filter(l -> l.startsWith("api-token ")).findFirst().orElseThrow().substring("api-token ".length());
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, base + "/ca", null).statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/api/certificates", token).statusCode()).isEqualTo(200);

            pg.close();

            HttpResponse<String> page = get(client, base + "/ca", null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(page.body()).contains("Xizmat vaqtincha ishlamayapti");
            HttpResponse<String> api = get(client, base + "/api/certificates", token);
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body()).contains("\"error\":\"unavailable\"");

            pg = postgres(data, pgPort);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            int status;
            do {
                status = get(client, base + "/ca", null).statusCode();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(200);
            assertThat(get(client, base + "/api/certificates", token).statusCode()).isEqualTo(200);
        } finally {
            app.close();
            pg.close();
        }
    }
}
