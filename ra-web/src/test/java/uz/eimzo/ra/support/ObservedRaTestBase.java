package uz.eimzo.ra.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.Prometheus;
import uz.eimzo.ca.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Base64;

/**
 * The RA application as production runs it for monitoring: JSON (ECS) console logs, and gauges that read the database
 * on every scrape. Its own database and context, shared by the observability tests, so they may cut the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "logging.structured.format.console=ecs",
                "logging.config=classpath:logback-structured.xml",
                "eimzo.monitoring.refresh=PT0S"})
@AutoConfigureMockMvc
public abstract class ObservedRaTestBase {

    protected static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    private static final Path DIRECTORY = temporaryDirectory();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("eimzo.ca.pkcs12", () -> DIRECTORY.resolve("demo-ca.p12").toString());
        registry.add("eimzo.ca.demo-credentials", () -> DIRECTORY.resolve("demo-operators.txt").toString());
        registry.add("eimzo.ra.personal-data-key", ObservedRaTestBase::randomKey);
        registry.add("eimzo.ra.https-port", () -> "-1");
    }

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected CaServices ca;
    @Autowired
    protected JdbcClient jdbc;
    @LocalServerPort
    protected int port;
    @Autowired
    protected org.springframework.context.ApplicationContext context;

    protected final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the management port, where actuator lives (ra.properties). */
    protected HttpResponse<String> manage(String path) throws Exception {
        int management = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected Prometheus scrape() throws Exception {
        HttpResponse<String> response = manage("/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /actuator/prometheus answered " + response.statusCode());
        }
        return Prometheus.parse(response.body());
    }

    /**
     * Refuses (and cuts) every connection to the application's database, as a network partition would; allowing them
     * again also drops the pool's dead connections, so the next test does not meet them.
     */
    protected void allowConnections(boolean allow) throws Exception {
        String name = DATABASE.url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        String admin = DATABASE.url().replace("/" + name, "/postgres");
        try (Connection c = DriverManager.getConnection(admin, DATABASE.user(), DATABASE.password());
             Statement s = c.createStatement()) {
            s.execute("alter database " + name + " allow_connections " + allow);
            if (!allow) {
                try (PreparedStatement kill = c.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                    kill.setString(1, name);
                    kill.execute();
                }
            }
        }
        if (allow) {
            context.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class)
                    .getHikariPoolMXBean().softEvictConnections();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("eimzo-ra-observed");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
