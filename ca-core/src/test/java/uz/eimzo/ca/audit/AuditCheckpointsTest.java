package uz.eimzo.ca.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyResolver;
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
        checkpoints = new AuditCheckpoints(ca.services.jdbc(), ca.services.authoritiesDirectory(),
                new KeyResolver(List.of(ca.storage)), Clock.systemUTC());
    }

    @org.junit.jupiter.api.AfterEach
    void dropDatabase() {
        db.close();
    }

    private void tamper(String sql) {
        var jdbc = ca.services.jdbc();
        jdbc.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
    }

    @Test
    void applicationRoleWritesAndVerifiesCheckpointsButCannotRewriteThem() throws Exception {
        ca.services.jdbc().sql("alter role eimzo_app password 'app-test-password'").update();
        var app = new org.springframework.jdbc.datasource.DriverManagerDataSource(db.url().replaceAll("\\?.*$", ""),
                "eimzo_app", "app-test-password");
        var asApp = new AuditCheckpoints(org.springframework.jdbc.core.simple.JdbcClient.create(app),
                ca.services.authoritiesDirectory(), new KeyResolver(List.of(ca.storage)), Clock.systemUTC());

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
        long last = ca.services.jdbc().sql("select max(id) from audit_event").query(Long.class).single();
        tamper("delete from audit_event where id = " + last);
        // The chain itself still looks whole: only the checkpoint knows a row is missing.
        assertThat(new AuditVerification(ca.services.jdbc()).verify().intact()).isTrue();
        var result = checkpoints.verify();
        assertThat(result.firstBrokenCheckpoint()).isEqualTo(checkpointed);
        assertThat(result.problem()).contains("gone");
    }

    @Test
    void forgedCheckpointIsDetected() {
        long id = checkpoints.checkpoint(TestCa.ROOT).orElseThrow();
        var jdbc = ca.services.jdbc();
        jdbc.sql("alter table audit_checkpoint disable trigger audit_checkpoint_no_update").update();
        jdbc.sql("update audit_checkpoint set last_event_id = last_event_id - 1 where id = ?").param(id).update();
        jdbc.sql("alter table audit_checkpoint enable trigger audit_checkpoint_no_update").update();
        assertThat(checkpoints.verify().problem()).contains("signature does not verify");
    }
}
