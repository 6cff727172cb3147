package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A responder cut off from its database must say so, and must not answer "good" from what it remembers. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseLossTest {

    RunningResponder responder;
    TestDatabase db;
    HttpClient http = HttpClient.newHttpClient();
    byte[] request;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        this.db = db;
        responder = RunningResponder.start(db, directory);
        Path issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
        Path leaf = responder.pem("leaf.pem", responder.issue(TestCa.individual(), "individual").certificate());
        request = responder.requestFor(issuer, leaf, false);
    }

    @AfterAll
    void stop() throws Exception {
        allowConnections(true);
        responder.close();
    }

    @Test
    void responderWithoutItsDatabaseAnswersTryLaterAndReportsDownUntilItIsBack() throws Exception {
        assertThat(ocspStatus()).isZero();
        assertThat(ocspStatus()).isZero(); // now cached: the cache must not outlive the connection
        allowConnections(false);

        assertThat(eventually(3)).as("OCSP status while the database is unreachable").isEqualTo(3);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(responder.management() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN").contains("disconnected");

        allowConnections(true);
        assertThat(eventually(0)).as("OCSP status once the database is back").isZero();
    }

    @Test
    void databaseLostAndBackUnderLoadGivesOnlySuccessfulOrTryLaterAndRecovers() throws Exception {
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> outcomes =
                new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService load = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    String outcome;
                    try {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                                .header("Content-Type", "application/ocsp-request")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
                        outcome = r.statusCode() == 200 ? "ocsp-" + OcspResponses.status(r.body()) : "http-" + r.statusCode();
                    } catch (Exception e) {
                        outcome = "io";
                    }
                    outcomes.computeIfAbsent(outcome, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                }
                return null;
            });
        }
        Thread.sleep(1500);
        allowConnections(false);
        Thread.sleep(3000);
        allowConnections(true);
        Thread.sleep(4000);
        running.set(false);
        load.shutdown();
        load.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);

        // successful (0) or tryLater (3); never internalError, an HTTP error or a broken connection
        assertThat(outcomes.keySet()).as(outcomes.toString()).containsOnly("ocsp-0", "ocsp-3").contains("ocsp-3");
        assertThat(eventually(0)).as("successful again once the database is back").isZero();
    }

    private int eventually(int wanted) throws Exception {
        int status = -1;
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            status = ocspStatus();
            if (status == wanted) {
                break;
            }
        }
        return status;
    }

    private int ocspStatus() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return OcspResponses.status(response.body());
    }

    /** Refuses (and cuts) every connection to the test database, as a network partition or a server restart would. */
    private void allowConnections(boolean allow) throws Exception {
        String name = db.url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        String admin = db.url().replace("/" + name, "/postgres");
        try (Connection c = DriverManager.getConnection(admin, db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute("alter database " + name + " allow_connections " + allow);
            if (!allow) {
                try (PreparedStatement kill = c.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
                    kill.setString(1, name);
                    kill.execute();
                }
            }
        }
    }
}
