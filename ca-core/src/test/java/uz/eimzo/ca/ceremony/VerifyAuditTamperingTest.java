package uz.eimzo.ca.ceremony;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditTampering;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify-audit}, the auditor's command line check, names the row that was edited even when whoever edited it
 * recomputed the hash chain after it, and even when a signed checkpoint follows: not the checkpoint's row.
 */
class VerifyAuditTamperingTest {

    TestDatabase db;
    TestCa ca;

    @BeforeEach
    void logWithACheckpoint(@TempDir Path directory) {
        db = PostgresServer.get().newDatabase(); // history is rewritten: a database of its own
        ca = TestCa.create(db.dataSource(), directory);
        for (int i = 0; i < 6; i++) {
            ca.services.audit().record(AuditEvent.success("operator", "test.step", "target-" + i, Map.of()));
        }
        new AuditCheckpoints(ca.jdbc, ca.services.authoritiesDirectory(), new CaSigner(List.of(ca.storage)),
                Clock.systemUTC(), new SignatureAlarms(ca.jdbc, ca.transactions, Clock.systemUTC()))
                .checkpoint(TestCa.ROOT).orElseThrow();
        ca.services.audit().record(AuditEvent.success("operator", "test.after", "after", Map.of()));
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void anEditBeforeTheCheckpointWithTheChainRecomputedIsReportedAtTheEditedRow() {
        long edited = ca.jdbc.sql("select id from audit_event order by id desc offset 4 limit 1")
                .query(Long.class).single();

        AuditTampering.rewrite(ca.jdbc, edited, "mallory", Long.MAX_VALUE);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CeremonyCli.execute(new Terminal(Map.of(DatabaseOptions.PASSWORD_VARIABLE, db.password()), question -> null, new PrintWriter(out), new PrintWriter(err)),
                "verify-audit", "--db-url", db.url(), "--db-user", db.user(), "--operator", "auditor");

        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(err.toString()).contains("BROKEN at row " + edited + ":").contains("edited");
    }
}
