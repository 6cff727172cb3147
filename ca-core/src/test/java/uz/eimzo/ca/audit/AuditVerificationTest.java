package uz.eimzo.ca.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain reveals tampering by someone who bypasses the application (a superuser who disables the trigger);
 * the application's own role cannot even try.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
class AuditVerificationTest {

    JdbcClient jdbc;
    AuditLog audit;
    AuditVerification verification;
    TestDatabase db;

    @BeforeEach
    void fiveEvents(TestDatabase db) {
        this.db = db;
        jdbc = JdbcClient.create(db.dataSource());
        // Each test starts from its own chain: the class shares one database, so clear it as the owner would.
        tamper("truncate audit_event restart identity");
        audit = new AuditLog(jdbc, Clock.systemUTC());
        verification = new AuditVerification(jdbc);
        for (int i = 1; i <= 5; i++) {
            audit.record(AuditEvent.success("operator-" + i, "test.step", "target-" + i, Map.of("n", String.valueOf(i), "z", "last")));
        }
    }

    /** What only a superuser with the trigger disabled could do. */
    private void tamper(String sql) {
        jdbc.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
    }

    /** The embedded server's URL names its superuser; a role test must connect as the role. */
    private static String withoutUser(String url) {
        return url.replaceAll("\\?.*$", "");
    }

    @Test
    void untouchedChainVerifies() {
        var result = verification.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(5);
    }

    @Test
    void editedRowIsTheFirstBrokenLink() {
        tamper("update audit_event set actor = 'mallory' where id = 3");
        var result = verification.verify();
        assertThat(result.firstBrokenId()).isEqualTo(3);
        assertThat(result.problem()).contains("edited");
        assertThat(result.rowsChecked()).isEqualTo(2);
    }

    @Test
    void editedDetailsAreDetected() {
        tamper("update audit_event set details = '{\"n\": \"4\", \"z\": \"changed\"}' where id = 4");
        assertThat(verification.verify().firstBrokenId()).isEqualTo(4);
    }

    @Test
    void deletedRowBreaksTheNextLink() {
        tamper("delete from audit_event where id = 2");
        var result = verification.verify();
        assertThat(result.firstBrokenId()).isEqualTo(3);
        assertThat(result.problem()).contains("deleted or reordered");
    }

    @Test
    void applicationRoleCannotRewriteTheAuditLogEvenWithoutTheTrigger() throws Exception {
        jdbc.sql("alter role eimzo_app password 'app-test-password'").update();
        jdbc.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try (Connection app = DriverManager.getConnection(withoutUser(db.url()), "eimzo_app", "app-test-password")) {
            assertThatThrownBy(() -> app.createStatement().executeUpdate("update audit_event set actor = 'x'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> app.createStatement().executeUpdate("delete from audit_event"))
                    .hasMessageContaining("permission denied");
            // It can still append, which is all the application ever does.
            assertThat(app.createStatement().executeUpdate("insert into audit_event (at, actor, action, outcome, hash) "
                    + "values (now(), 'app', 'test.append', 'SUCCESS', '\\x00')")).isEqualTo(1);
        } finally {
            jdbc.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
    }

    @Test
    void tablesOfLaterMigrationsReachTheApplicationRoles() throws Exception {
        jdbc.sql("alter role eimzo_responder password 'responder-test-password'").update();
        jdbc.sql("create table later_migration_table (id int)").update();
        try (Connection responder = DriverManager.getConnection(withoutUser(db.url()), "eimzo_responder", "responder-test-password")) {
            assertThat(responder.createStatement().executeQuery("select count(*) from later_migration_table").next()).isTrue();
        } finally {
            jdbc.sql("drop table later_migration_table").update();
        }
    }

    @Test
    void responderRoleOnlyReads() throws Exception {
        jdbc.sql("alter role eimzo_responder password 'responder-test-password'").update();
        try (Connection responder = DriverManager.getConnection(withoutUser(db.url()), "eimzo_responder", "responder-test-password")) {
            assertThat(responder.createStatement().executeQuery("select count(*) from certificate").next()).isTrue();
            assertThatThrownBy(() -> responder.createStatement().executeUpdate("update certificate set status = 'GOOD'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> responder.createStatement().executeUpdate(
                    "insert into audit_event (at, actor, action, outcome, hash) values (now(), 'r', 'x', 'SUCCESS', '\\x00')"))
                    .hasMessageContaining("permission denied");
        }
    }
}
