package uz.eimzo.ca.checkpoints;

import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.audit.AuditTampering;
import uz.eimzo.ca.audit.LogCapture;
import uz.eimzo.ca.audit.SignatureAlarms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed checkpoints catch what a hash chain alone cannot: rows cut off the end of the log. */
class AuditCheckpointsTest {

    TestCa ca;
    AuditCheckpoints checkpoints;
    TestDatabase db;

    @BeforeEach
    void caWithHistory(@TempDir Path dir) {
        // Each test tampers with history, so each gets a database of its own.
        db = uz.eimzo.ca.testing.PostgresServer.get().newDatabase();
        ca = TestCa.create(db.dataSource(), dir);
        checkpoints = new AuditCheckpoints(ca.jdbc, ca.services.authoritiesDirectory(),
                new CaSigner(List.of(ca.storage)), Clock.systemUTC(), alarms());
    }

    private SignatureAlarms alarms() {
        return new SignatureAlarms(ca.jdbc, ca.transactions, Clock.systemUTC());
    }

    @org.junit.jupiter.api.AfterEach
    void dropDatabase() {
        db.close();
    }

    private void tamper(String sql) {
        var jdbc = ca.jdbc;
        jdbc.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
    }

    @Test
    void applicationRoleWritesAndVerifiesCheckpointsButCannotRewriteThem() throws Exception {
        ca.jdbc.sql("alter role eimzo_app password 'app-test-password'").update();
        var app = new org.springframework.jdbc.datasource.DriverManagerDataSource(db.url().replaceAll("\\?.*$", ""),
                "eimzo_app", "app-test-password");
        var asApp = new AuditCheckpoints(org.springframework.jdbc.core.simple.JdbcClient.create(app),
                ca.services.authoritiesDirectory(), new CaSigner(List.of(ca.storage)), Clock.systemUTC(), alarms());

        assertThat(asApp.checkpoint(TestCa.ROOT)).isPresent();
        assertThat(asApp.verify().intact()).isTrue();
        try (var connection = app.getConnection()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            connection.createStatement().executeUpdate("update audit_checkpoint set last_event_id = 1"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void checkpointOfAnUntouchedLogVerifies() {
        assertThat(checkpoints.checkpoint(TestCa.ROOT)).isPresent();
        assertThat(checkpoints.verify().intact()).isTrue();
        assertThat(checkpoints.verify().checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void rowsCutOffTheEndBeforeACheckpointAreDetected() {
        ca.services.audit().record(AuditEvent.success("x", "test.last", "t", Map.of()));
        long checkpointed = checkpoints.checkpoint(TestCa.ROOT).orElseThrow();
        long last = ca.jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        tamper("delete from audit_event where id = " + last);
        // The chain itself still looks whole: only the checkpoint knows a row is missing.
        assertThat(new AuditVerification(ca.jdbc).verify().intact()).isTrue();
        var result = checkpoints.verify();
        assertThat(result.firstBrokenCheckpoint()).isEqualTo(checkpointed);
        assertThat(result.problem()).contains("gone");
    }

    @Test
    void forgedCheckpointIsDetected() {
        long id = checkpoints.checkpoint(TestCa.ROOT).orElseThrow();
        var jdbc = ca.jdbc;
        jdbc.sql("alter table audit_checkpoint disable trigger audit_checkpoint_no_update").update();
        jdbc.sql("update audit_checkpoint set last_event_id = last_event_id - 1 where id = ?").param(id).update();
        jdbc.sql("alter table audit_checkpoint enable trigger audit_checkpoint_no_update").update();
        assertThat(checkpoints.verify().problem()).contains("signature does not verify");
    }

    private void rewriteWithChainRecomputed(long id, String actor) {
        AuditTampering.rewrite(ca.jdbc, id, actor, Long.MAX_VALUE);
    }

    private void rewrite(long id, String actor, long through) {
        AuditTampering.rewrite(ca.jdbc, id, actor, through);
    }

    private void record(int events) {
        for (int i = 0; i < events; i++) {
            ca.services.audit().record(AuditEvent.success("operator", "test.step", "target-" + i, Map.of("n", String.valueOf(i))));
        }
    }

    private long[] ids() {
        return ca.jdbc.sql("select id from audit_event order by id").query(Long.class).list()
                .stream().mapToLong(Long::longValue).toArray();
    }

    private AuditVerification.Result verifyAll() {
        return new AuditVerification(ca.jdbc).verify(checkpoints.verify());
    }

    @Test
    void anEditBeforeACheckpointIsNamedAtTheEditedRowThoughTheChainWasRecomputed() {
        record(5);
        checkpoints.checkpoint(TestCa.ROOT).orElseThrow();
        record(2);
        long[] ids = ids();
        long edited = ids[ids.length - 5];

        rewriteWithChainRecomputed(edited, "mallory");

        assertThat(new AuditVerification(ca.jdbc).verify().intact()).as("the chain alone holds").isTrue();
        var result = verifyAll();
        assertThat(result.firstBrokenId()).isEqualTo(edited);
        assertThat(result.problem()).contains("edited");
    }

    @Test
    void aRowEditedWithItsOwnHashRecomputedIsNamedNotTheRowAfterIt() {
        record(4);
        checkpoints.checkpoint(TestCa.ROOT).orElseThrow();
        long edited = ids()[2];

        rewrite(edited, "mallory", edited);

        assertThat(new AuditVerification(ca.jdbc).verify().firstBrokenId()).as("the chain alone")
                .isEqualTo(edited + 1);
        assertThat(verifyAll().firstBrokenId()).isEqualTo(edited);
    }

    @Test
    void aCheckpointFollowsEveryNEventsSoAnEditWithTheChainRecomputedIsCaughtOnceNMoreHaveCome() throws Exception {
        int every = 5;
        try (var cadence = new CheckpointCadence(checkpoints, TestCa.ROOT, every)) {
            ca.services.audit().onAppended(cadence::appended);
            record(23);
            long recorded = System.nanoTime();
            long deadline = recorded + java.time.Duration.ofSeconds(10).toNanos();
            while (tail() >= every && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(tail()).as("rows no checkpoint covers").isLessThan(every);
            System.out.println("Audit tail below " + every + " events "
                    + java.time.Duration.ofNanos(System.nanoTime() - recorded).toMillis() + " ms after the last append");
        }
        long[] ids = ids();
        long edited = ids[ids.length - every - 1];

        rewriteWithChainRecomputed(edited, "mallory");

        assertThat(verifyAll().firstBrokenId()).isEqualTo(edited);
    }

    private long tail() {
        return ca.jdbc.sql("select count(*) from audit_event where id > ?").param(checkpoints.lastCovered())
                .query(Long.class).single();
    }

    @Test
    void aCheckpointWhoseSignatureDoesNotVerifyIsNotStoredAndRaisesTheAlarm() {
        record(3);
        SignatureAlarms alarms = alarms();
        java.util.List<SignatureAlarms.Kind> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
        alarms.onAlarm(counted::add);
        var faulty = new AuditCheckpoints(ca.jdbc, ca.services.authoritiesDirectory(),
                new CaSigner(List.of(new uz.eimzo.ca.fixtures.FaultyKeyStorage(ca.storage))), Clock.systemUTC(), alarms);
        var logs = LogCapture.of(SignatureAlarms.class);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> faulty.checkpoint(TestCa.ROOT))
                .isInstanceOf(uz.eimzo.ca.keys.KeyUnavailableException.class);

        assertThat(ca.jdbc.sql("select count(*) from audit_checkpoint").query(Long.class).single()).isZero();
        assertThat(counted).containsExactly(SignatureAlarms.Kind.AUDIT_CHECKPOINT);
        assertThat(logs.errors()).anySatisfy(line -> assertThat(line).contains("ALARM").contains("audit-checkpoint"));
        assertThat(ca.jdbc.sql("select count(*) from audit_event where action = 'audit.checkpoint.signature.unverified'"
                + " and outcome = 'FAILURE' and target = ?").param(TestCa.ROOT).query(Long.class).single()).isEqualTo(1);
    }
}
