package uz.eimzo.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jars started the way deploy/systemd starts them: settings from the example environment files, secrets
 * as a config tree of files named like the units' credentials, the database prepared by the roles script and
 * migrated by the owner, the applications on their restricted roles with Flyway off, CA keys on a SoftHSM2 token.
 * Skipped when the jars have not been built (run the reactor's package phase first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionStartTest {

    private static final Duration STARTUP_BOUND = Duration.ofMinutes(4);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private ProductionDatabase database;
    private int raPort;
    private int ocspPort;
    private int raManagementPort;
    private int ocspManagementPort;
    private Path work;

    @BeforeAll
    void startBothApplicationsAsInProduction(@TempDir Path work) throws Exception {
        this.work = work;
        Path raJar = jar(Path.of("../ra-web/target"), "ra-web-.*-exec\\.jar");
        Path ocspJar = jar(Path.of("../ocsp-responder/target"), "ocsp-responder-exec\\.jar");
        Tools.assumeInstalled("softhsm2-util");
        database = ProductionDatabase.start(work);

        // The HSM: a SoftHSM2 token and the compose set-up's SunPKCS11 configuration.
        Path tokens = Files.createDirectories(work.resolve("tokens"));
        Path softhsmConf = Files.writeString(work.resolve("softhsm2.conf"), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n");
        Tools.Result token = Tools.run(List.of("softhsm2-util", "--init-token", "--free", "--label", "eimzo",
                "--so-pin", "55667788", "--pin", "12345678"), Map.of("SOFTHSM2_CONF", softhsmConf.toString()));
        assertThat(token.exitCode()).as(token.output()).isZero();

        raPort = freePort();
        Map<String, String> ra = environment("ra.env.example");
        ra.put("SPRING_DATASOURCE_URL", database.url());
        ra.put("EIMZO_CA_PKCS11_CONFIG", Path.of("compose/softhsm/hsm.cfg").toAbsolutePath().toString());
        ra.put("EIMZO_RA_TLS_KEYSTORE", work.resolve("ra-tls/operator-tls.p12").toString());
        ra.put("SOFTHSM2_CONF", softhsmConf.toString());
        ra.put("SERVER_PORT", String.valueOf(raPort));
        raManagementPort = freePort();
        ra.put("MANAGEMENT_SERVER_PORT", String.valueOf(raManagementPort));
        ra.put("EIMZO_RA_HTTPS_PORT", String.valueOf(freePort()));
        ra.put("SPRING_CONFIG_IMPORT", "configtree:" + credentials("eimzo-ra.service", Map.of(
                "db-password", ProductionDatabase.APP_PASSWORD,
                "personal-data-key", java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "tls-keystore-password", "tls-password",
                "pkcs11-pin", "12345678")) + "/");
        processes.add(start(raJar, ra, "ra"));

        ocspPort = freePort();
        Map<String, String> ocsp = environment("ocsp.env.example");
        ocsp.put("SPRING_DATASOURCE_URL", database.url());
        ocsp.put("EIMZO_OCSP_KEYS_PKCS12_FILE", work.resolve("ocsp-keys/ocsp-keys.p12").toString());
        ocsp.put("SERVER_PORT", String.valueOf(ocspPort));
        ocspManagementPort = freePort();
        ocsp.put("MANAGEMENT_SERVER_PORT", String.valueOf(ocspManagementPort));
        ocsp.put("SPRING_CONFIG_IMPORT", "configtree:" + credentials("eimzo-ocsp.service", Map.of(
                "db-password", ProductionDatabase.RESPONDER_PASSWORD,
                "keystore-password", "ocsp-password")) + "/");
        processes.add(start(ocspJar, ocsp, "ocsp"));
    }

    @AfterAll
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theRaBecomesReadyOnItsRestrictedRoleWithFlywayOffAndItsKeysOnTheToken() throws Exception {
        HttpResponse<String> readiness = awaitAnswer("http://localhost:" + raManagementPort + "/actuator/health/readiness", "ra");
        assertThat(readiness.statusCode()).as(readiness.body() + log("ra")).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
        assertThat(applicationRoles()).contains("eimzo_app");
    }

    @Test
    void theResponderBecomesHealthyOnItsRestrictedRoleListeningForStatusChanges() throws Exception {
        HttpResponse<String> health = awaitAnswer("http://localhost:" + ocspManagementPort + "/actuator/health", "ocsp");
        assertThat(health.statusCode()).as(health.body() + log("ocsp")).isEqualTo(200);
        assertThat(health.body()).contains("\"listening\"");
        assertThat(applicationRoles()).contains("eimzo_responder");
        HttpResponse<String> readiness = awaitAnswer("http://localhost:" + ocspManagementPort + "/actuator/health/readiness", "ocsp");
        assertThat(readiness.body()).contains("\"UP\"");
    }

    @Test
    void thePublicPortsAnswerTheHealthStatusAloneAndNoMetrics() throws Exception {
        awaitAnswer("http://localhost:" + raManagementPort + "/actuator/health/readiness", "ra");
        awaitAnswer("http://localhost:" + ocspManagementPort + "/actuator/health", "ocsp");
        for (int port : new int[] {raPort, ocspPort}) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).as("port %d", port).matches("\\{\"status\":\"[A-Z_]+\"}");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as("port %d", port).isNotEqualTo(200);
        }
    }

    @Test
    void noSecretFromTheCredentialsReachesTheLogs() throws Exception {
        awaitAnswer("http://localhost:" + raManagementPort + "/actuator/health/readiness", "ra");
        awaitAnswer("http://localhost:" + ocspManagementPort + "/actuator/health", "ocsp");
        assertThat(log("ra") + log("ocsp")).doesNotContain(ProductionDatabase.APP_PASSWORD, ProductionDatabase.RESPONDER_PASSWORD,
                "12345678", "tls-password", "ocsp-password");
    }

    @Test
    void neitherApplicationWritesIntoItsWorkingDirectory() throws Exception {
        // The containers run with a read-only root filesystem and their working directory inside it.
        awaitAnswer("http://localhost:" + raManagementPort + "/actuator/health/readiness", "ra");
        awaitAnswer("http://localhost:" + ocspManagementPort + "/actuator/health", "ocsp");
        try (Stream<Path> ra = Files.list(work.resolve("ra-state")); Stream<Path> ocsp = Files.list(work.resolve("ocsp-state"))) {
            assertThat(Stream.concat(ra, ocsp)).isEmpty();
        }
    }

    /** The example environment file's settings, as systemd's EnvironmentFile= reads them. */
    private static Map<String, String> environment(String file) throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("systemd", file))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                environment.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        environment.remove("JAVA_OPTS");
        return environment;
    }

    /**
     * What systemd's LoadCredential= makes of the unit's credentials: one file per credential, named by its id
     * (a Spring property), in a folder the unit's SPRING_CONFIG_IMPORT reads as a config tree.
     */
    private Path credentials(String unit, Map<String, String> values) throws IOException {
        Path folder = Files.createDirectories(work.resolve("credentials").resolve(unit));
        Pattern credential = Pattern.compile("^LoadCredential=([^:]+):/etc/eimzo/credentials/[a-z]+/(\\S+)$", Pattern.MULTILINE);
        Matcher m = credential.matcher(Files.readString(Path.of("systemd", unit)));
        int count = 0;
        while (m.find()) {
            String value = values.get(m.group(2));
            assertThat(value).as("a value for credential file %s of %s", m.group(2), unit).isNotNull();
            Files.writeString(folder.resolve(m.group(1)), value);
            count++;
        }
        assertThat(count).isEqualTo(values.size());
        return folder;
    }

    private Process start(Path jar, Map<String, String> environment, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString())
                .directory(Files.createDirectories(work.resolve(name + "-state")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        // java.io.tmpdir stands for the containers' /tmp volume: the working directory must stay untouched.
        builder.command().add(1, "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve(name + "-tmp")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private HttpResponse<String> awaitAnswer(String url, String name) throws Exception {
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            if (processes.stream().anyMatch(p -> !p.isAlive())) {
                break;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " did not answer 200 at " + url + " (last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()) + ")" + log(name));
    }

    private List<String> applicationRoles() throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct usename from pg_stat_activity where datname = 'eimzo'")) {
            List<String> roles = new ArrayList<>();
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
            return roles;
        }
    }

    private String log(String name) {
        try {
            List<String> lines = Files.readAllLines(work.resolve(name + ".log"));
            return "\n--- " + name + " log (last 60 lines) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "\n(no " + name + " log)";
        }
    }

    private static Path jar(Path folder, String pattern) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(folder), folder + " does not exist: build the jars first");
        try (Stream<Path> files = Files.list(folder)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst().orElse(null);
            Assumptions.assumeTrue(jar != null, "no " + pattern + " in " + folder + ": build the jars first");
            return jar;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
