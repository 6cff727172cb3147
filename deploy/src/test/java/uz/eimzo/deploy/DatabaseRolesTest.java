package uz.eimzo.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/postgres/10-eimzo-roles.sh on a fresh PostgreSQL cluster, then the migrations run as the owner it creates,
 * as the migrate job does: the applications' roles end up with exactly the access they need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRolesTest {

    private static final String APP_PASSWORD = ProductionDatabase.APP_PASSWORD;
    private static final String RESPONDER_PASSWORD = ProductionDatabase.RESPONDER_PASSWORD;

    private ProductionDatabase database;
    private EmbeddedPostgres postgres;

    @BeforeAll
    void createRolesAndMigrateAsTheOwner(@TempDir Path work) throws Exception {
        database = ProductionDatabase.start(work);
        postgres = database.server();
    }

    @AfterAll
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyTableBelongsToTheOwnerRoleThatMigrated() throws Exception {
        assertThat(strings("select distinct tableowner from pg_tables where schemaname = 'public'")).containsExactly("eimzo_admin");
        assertThat(strings("select distinct installed_by from flyway_schema_history")).containsExactly("eimzo_admin");
    }

    @Test
    void theApplicationRoleReadsAndWritesEveryTableIncludingThoseOfMigrationsAfterV7() throws Exception {
        assertThat(strings("""
                select tablename from public_tables where not has_table_privilege('eimzo_app', oid, 'SELECT, INSERT')"""))
                .as("tables eimzo_app cannot read or insert into").isEmpty();
        assertThat(strings("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind = 'S'
                  and not (case when c.relkind = 'S' then has_sequence_privilege('eimzo_app', c.oid, 'USAGE') else true end)"""))
                .as("sequences eimzo_app cannot use").isEmpty();
        assertThat(strings("select 1 where has_table_privilege('eimzo_app', 'audit_checkpoint', 'INSERT')")).containsExactly("1");
    }

    @Test
    void theTsaRoleRecordsTokensThatTheLedgerChainsButRewritesNone() throws Exception {
        try (Connection tsa = DriverManager.getConnection(url(), "eimzo_responder", RESPONDER_PASSWORD);
             Statement s = tsa.createStatement()) {
            s.execute("""
                    insert into timestamp_token (serial, gen_time, policy, imprint_algorithm, imprint, tsa, signer_serial)
                    values (77, now(), '1.2.860.3.2.11.1', '2.16.840.1.101.3.4.2.1', '\\x00', 'tsa', 1)""");
            assertThatThrownBy(() -> s.execute("update timestamp_token set policy = '1.2'")).isInstanceOf(SQLException.class);
        }
        assertThat(strings("select length(hash) from timestamp_token where serial = 77 and seq is not null"))
                .containsExactly("32");
    }

    @Test
    void theApplicationRoleCannotRewriteTheAuditTrail() throws Exception {
        assertThat(strings("""
                select t || ':' || p from unnest(array['audit_event', 'audit_checkpoint']) t,
                  unnest(array['UPDATE', 'DELETE', 'TRUNCATE']) p where has_table_privilege('eimzo_app', t, p)""")).isEmpty();
    }

    @Test
    void theApplicationRoleLogsInWithItsSecretButCannotChangeTheSchema() throws Exception {
        try (Connection app = DriverManager.getConnection(url(), "eimzo_app", APP_PASSWORD); Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.execute("create table intruder (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("alter table certificate add column intruder int"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
        }
    }

    @Test
    void theResponderRoleReadsEverythingButScanPreviewsAndWritesOnlyItsOwnCertificateRequests() throws Exception {
        assertThat(strings("""
                select tablename from public_tables where not has_table_privilege('eimzo_responder', oid, 'SELECT')"""))
                .as("scans waiting in a registrar's preview (V36) are no business of the responder or the TSA")
                .containsExactly("scan_preview");
        assertThat(strings("""
                select tablename from public_tables where has_table_privilege('eimzo_responder', oid, 'INSERT')"""))
                .as("the responder's certificate requests and the TSA's token records (same role)")
                .containsExactlyInAnyOrder("responder_certificate", "timestamp_token");
        try (Connection responder = DriverManager.getConnection(url(), "eimzo_responder", RESPONDER_PASSWORD);
             Statement s = responder.createStatement()) {
            assertThatThrownBy(() -> s.execute("update certificate set status = 'GOOD'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            // The status feed's LISTEN needs no privilege, but it needs a primary: a standby refuses it.
            s.execute("listen certificate_status");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "eimzo_app", "not-the-password").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void otherRolesCannotConnectToTheDatabase() throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("create role stranger login password 'stranger'");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "stranger", "stranger").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
    }

    @Test
    void theReplicationRoleMayStreamButNotLogInToTheDatabase() throws Exception {
        assertThat(strings("select rolname from pg_roles where rolreplication and rolname like 'eimzo%'")).containsExactly("eimzo_replication");
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "eimzo_replication", ProductionDatabase.REPLICATION_PASSWORD).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
    }

    private String url() {
        return database.url();
    }

    /** Runs a query as the superuser; {@code public_tables} (oid, tablename) lists the schema's tables. */
    private List<String> strings(String sql) throws SQLException {
        String withTables = """
                with public_tables as (select c.oid, c.relname as tablename from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p'))
                """ + sql;
        try (Connection c = DriverManager.getConnection(url(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(withTables)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
