package uz.eimzo.ca.faults;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a CA process in the middle of a loop of issuances: nothing signed goes unrecorded, nothing is half-written. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillDuringIssuanceTest {

    TestCa ca;
    TestDatabase db;
    Path dir;

    @BeforeAll
    void createCa(TestDatabase db, @TempDir Path dir) {
        this.db = db;
        this.dir = dir;
        ca = TestCa.create(db.dataSource(), dir);
    }

    @Test
    void everySignedCertificateIsRecordedAndNoneIsHalfWrittenAfterKillNine() throws Exception {
        Path signedLog = dir.resolve("signed.log");
        Files.createFile(signedLog);
        Process loop = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IssuanceLoop.class.getName(),
                db.url(), db.user(), db.password(), dir.resolve("ca-keys.p12").toString(), "test-password", signedLog.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("loop.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (Files.readAllLines(signedLog).size() < 40 && loop.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(loop.isAlive()).as(Files.readString(dir.resolve("loop.out"))).isTrue();
        loop.destroyForcibly();   // SIGKILL: no shutdown hook, no finally block runs
        loop.waitFor();

        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        Set<String> signed = Files.readAllLines(signedLog).stream().filter(l -> !l.isBlank()).collect(Collectors.toSet());
        Set<String> recorded = jdbc.sql("select encode(sha256(tbs), 'hex') from certificate where requester = 'loop'")
                .query(String.class).list().stream().collect(Collectors.toSet());
        assertThat(signed).hasSizeGreaterThanOrEqualTo(40);
        assertThat(recorded).as("every TBS the CA key signed was recorded before signing").containsAll(signed);

        // Complete rows are complete; the rest are PENDING with their TBS and nothing else.
        assertThat(jdbc.sql("""
                select count(*) from certificate where requester = 'loop' and not (
                  (status = 'GOOD' and der is not null and sha256 = sha256(der) and issued_at is not null)
                  or (status = 'PENDING' and der is null and sha256 is null and tbs is not null))""")
                .query(Integer.class).single()).isZero();
        int pending = jdbc.sql("select count(*) from certificate where requester = 'loop' and status = 'PENDING'")
                .query(Integer.class).single();
        assertThat(pending).as("at most the certificates in flight when killed").isLessThanOrEqualTo(4);
        // Every stored certificate's signature was logged: nothing reached the table unsigned-by-us.
        List<String> stored = jdbc.sql("select encode(sha256(tbs), 'hex') from certificate where requester = 'loop' and status = 'GOOD'")
                .query(String.class).list();
        assertThat(signed).containsAll(stored);

        // After the restart the CA issues again on the same database and key.
        var next = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), "after-restart", RegistrationIds.NONE));
        assertThat(next.certificate()).isNotNull();
        assertThat(HexFormat.of().formatHex(next.serial().toByteArray())).isNotEmpty();
    }
}
