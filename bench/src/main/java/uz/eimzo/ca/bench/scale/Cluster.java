package uz.eimzo.ca.bench.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the run: one embedded PostgreSQL, CA/RA nodes and OCSP responders, each a separate JVM started from
 * its exec jar with its log under the work directory; started, waited for, killed with SIGKILL and stopped.
 */
final class Cluster {

    private final Path raJar;
    private final Path responderJar;
    private final Path work;
    private final Timeline timeline;
    private final String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;

    Cluster(Path raJar, Path responderJar, Path work, Timeline timeline) {
        this.raJar = raJar;
        this.responderJar = responderJar;
        this.work = work;
        this.timeline = timeline;
    }

    Path work() {
        return work;
    }

    /** The started processes by name, in start order. */
    Map<String, Process> processes() {
        return processes;
    }

    boolean isAlive(String name) {
        return processes.get(name).isAlive();
    }

    /** A new connection to the CA database as its owner. */
    Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "eimzo"));
    }

    void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("create database eimzo");
        }
        timeline.note("PostgreSQL on port " + postgres.getPort());
    }

    void startCaNode(String name, int port, int responderPort, String personalDataKey) throws IOException {
        start(name, port, List.of(javaCommand, "-Xmx384m", "-jar", raJar.toString(),
                "--server.port=" + port,
                // Every node on this machine needs its own actuator port: any free one.
                "--management.server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/eimzo",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--eimzo.ca.demo=true",
                "--eimzo.ca.demo-credentials=" + work.resolve("demo-operators.txt"),
                "--eimzo.ca.pkcs12=" + work.resolve("demo-ca.p12"),
                "--eimzo.ca.pkcs12-password=scale-out-demo",
                "--eimzo.ca.responder-url=http://127.0.0.1:" + responderPort,
                "--eimzo.ca.responder-round=PT2S",
                "--eimzo.ra.personal-data-key=" + personalDataKey,
                "--eimzo.ra.https-port=0",
                "--eimzo.ra.tls-keystore=" + work.resolve(name + "-tls.p12"),
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                "--logging.level.root=WARN",
                "--logging.level.uz.eimzo=INFO"));
    }

    void startResponder(String name, int port) throws IOException {
        start(name, port, List.of(javaCommand, "-Xmx256m", "-jar", responderJar.toString(),
                "--server.port=" + port,
                // Every node on this machine needs its own actuator port: any free one.
                "--management.server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/eimzo",
                "--spring.datasource.username=eimzo_responder",
                "--spring.datasource.password=",
                "--eimzo.ocsp.responder-name=" + name,
                "--eimzo.ocsp.keys.pkcs12-file=" + work.resolve(name + ".p12"),
                "--eimzo.ocsp.keys.password=scale-out",
                "--eimzo.ocsp.keys.check-interval=PT1S",
                "--logging.level.root=WARN",
                "--logging.level.uz.eimzo=INFO"));
    }

    private void start(String name, int port, List<String> command) throws IOException {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        processes.put(name, process);
        timeline.note(name + " started (pid " + process.pid() + ", port " + port + ")");
    }

    void kill(String name) throws InterruptedException {
        Process process = processes.get(name);
        process.destroyForcibly();   // SIGKILL: no shutdown hook, no graceful close of connections
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void stopAll() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    void awaitHttp200(String name, String url, int seconds) throws Exception {
        var http = HttpClient.newHttpClient();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds); System.nanoTime() < deadline; Thread.sleep(500)) {
            if (!processes.get(name).isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log(name));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    timeline.note(name + " ready");
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
        }
        throw new IllegalStateException(name + " not ready after " + seconds + " s; see " + log(name));
    }

    Path log(String name) {
        return work.resolve("logs/" + name + ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
