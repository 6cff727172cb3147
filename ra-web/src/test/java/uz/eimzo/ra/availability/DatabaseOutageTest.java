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
    void restartUnderLoadGivesOnly2xxOr503AndNoHalfAppliedRegistration(@TempDir Path dir) throws Exception {
        int pgPort = freePort();
        Path data = dir.resolve("pg");
        EmbeddedPostgres[] pg = {postgres(data, pgPort)};
        ConfigurableApplicationContext app = start(dir, pg[0]);
        try {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            String token = Files.readAllLines(dir.resolve("demo-operators.txt")).stream()
                    .filter(l -> l.startsWith("api-token ")).findFirst().orElseThrow().substring("api-token ".length());
            HttpClient client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
            java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.AtomicInteger> statuses =
                    new java.util.concurrent.ConcurrentHashMap<>();
            java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger(100);
            java.util.concurrent.ExecutorService load = java.util.concurrent.Executors.newFixedThreadPool(3);
            for (int t = 0; t < 3; t++) {
                load.submit(() -> {
                    while (running.get()) {
                        String key = java.util.UUID.randomUUID().toString();
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/requests"))
                                    .timeout(java.time.Duration.ofSeconds(20))
                                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(individual(key, sequence.incrementAndGet()))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.computeIfAbsent(r.statusCode(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                            if (r.statusCode() == 201) {
                                created.add(key);
                            }
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(2000);
            pg[0].close();
            Thread.sleep(3000);
            pg[0] = postgres(data, pgPort);
            Thread.sleep(6000);
            running.set(false);
            load.shutdown();
            load.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(statuses.keySet()).as(statuses.toString()).containsAnyOf(503).contains(201)
                    .allMatch(code -> code == 201 || code == 503);
            try (var c = java.sql.DriverManager.getConnection(pg[0].getJdbcUrl("postgres", "postgres"));
                 var rs = c.createStatement().executeQuery("""
                         select r.form_token::text, (select count(*) from audit_event e
                              where e.target = 'request:' || r.id and e.action = 'request.register') as audited
                         from certificate_request r""")) {
                java.util.Set<String> stored = new java.util.HashSet<>();
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    assertThat(rs.getInt(2)).as("request and its audit event commit together").isEqualTo(1);
                }
                assertThat(stored).containsAll(created);
            }
        } finally {
            app.close();
            pg[0].close();
        }
    }

    private static String individual(String key, int n) {
        String first13 = "3150390" + String.format("%03d", 100 + n % 800) + String.format("%03d", 1 + n / 800);
        return """
                {"idempotencyKey": "%s", "submit": true, "applicant": {"type": "INDIVIDUAL", "surname": "Aliyev",
                 "givenName": "Vali", "birthDate": "1990-03-15", "sex": "M", "pinfl": "%s", "documentType": "PASSPORT",
                 "documentNumber": "AC1234567", "phone": "+998901234567", "representative": false}}"""
                .formatted(key, first13 + uz.eimzo.ca.identity.Pinfl.checkDigit(first13));
    }

    private static ConfigurableApplicationContext start(Path dir, EmbeddedPostgres pg) {
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
        // Command-line arguments outrank ra.properties (ports 8080 and 9080 must not be taken).
        return new SpringApplicationBuilder(RaApplication.class).properties(properties)
                .run("--server.port=0", "--management.server.port=0");
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
        ConfigurableApplicationContext app = new SpringApplicationBuilder(RaApplication.class).properties(properties)
                .run("--server.port=0", "--management.server.port=0");
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
            assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(api.body()).contains("\"status\":503").contains("\"instance\":\"/api/certificates\"");

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
