package uz.eimzo.ca.audit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest {

    JdbcClient jdbc;
    AuditLog audit;

    @BeforeAll
    void create(DataSource dataSource) {
        jdbc = JdbcClient.create(dataSource);
        audit = new AuditLog(jdbc, Clock.systemUTC());
    }

    @Test
    void eachEventChainsToThePreviousOnesHash() {
        audit.record(AuditEvent.success("op-1", "test.first", "t", Map.of("k", "v")));
        audit.record(AuditEvent.failure("op-2", "test.second", "t", Map.of("reason", "bad \"input\"")));
        List<byte[][]> rows = jdbc.sql("select prev_hash, hash from audit_event order by id desc limit 2")
                .query((rs, n) -> new byte[][]{rs.getBytes(1), rs.getBytes(2)}).list();
        assertThat(rows.get(0)[0]).isEqualTo(rows.get(1)[1]);
        assertThat(rows.get(0)[1]).hasSize(32).isNotEqualTo(rows.get(1)[1]);
    }

    @Test
    void auditRowsCannotBeUpdatedOrDeleted() {
        audit.record(AuditEvent.success("op-1", "test.immutable", "t", Map.of()));
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'mallory'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update())
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'mallory'").query(Integer.class).single()).isZero();
    }

    @Test
    void detailsAreStoredAsJson() {
        audit.record(AuditEvent.success("op-1", "test.json", "t", Map.of("serial", "0a1b", "quote", "a\"b\\c")));
        String quote = jdbc.sql("select details->>'quote' from audit_event where action = 'test.json'").query(String.class).single();
        assertThat(quote).isEqualTo("a\"b\\c");
    }
}
