package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration step of compose's `migrate` service and the Kubernetes Job, run for real: the tools image's
 * entrypoint, then the ceremony CLI's `list` as eimzo_admin with its password from a secret file, on a database
 * the roles script has just made. The CLI runs from ca-core's classes and runtime libraries, the classpath Maven
 * writes to {@code target/ceremony.classpath}, which is what the ceremony build's jar and lib/ hold.
 */
class MigrationJobTest {

    @Test
    void listAsTheOwnerMigratesAnEmptyDatabaseAndChangesNothingOnASecondRun(@TempDir Path work) throws Exception {
        String classpath = ceremonyClasspath();
        try (ProductionDatabase database = ProductionDatabase.prepare(work)) {
            Path password = Files.writeString(work.resolve("db_admin_password"), ProductionDatabase.ADMIN_PASSWORD);
            String java = ProcessHandle.current().info().command().orElseThrow();
            List<String> command = List.of("sh", "docker/entrypoint.sh", java, "-cp", classpath, CEREMONY, "list",
                    "--db-url", database.url(), "--db-user", "eimzo_admin", "--operator", "migrate-job-test");

            Tools.Result first = Tools.runClean(command, Map.of("EIMZO_DB_PASSWORD_SECRET_FILE", password.toString()));
            List<String> applied = versions(database);
            Tools.Result second = Tools.runClean(command, Map.of("EIMZO_DB_PASSWORD_SECRET_FILE", password.toString()));

            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(second.exitCode()).as(second.output()).isZero();
            String[] expected;
            try (Stream<Path> files = Files.list(Path.of("../db/migrations"))) {
                expected = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .map(n -> n.substring(1, n.indexOf("__"))).toArray(String[]::new);
            }
            assertThat(applied).containsExactlyInAnyOrder(expected);
            assertThat(versions(database)).isEqualTo(applied);
            assertThat(first.output()).doesNotContain(ProductionDatabase.ADMIN_PASSWORD);
        }
    }

    @Test
    void theMigrationFailsClearlyWithoutThePasswordSecret(@TempDir Path work) throws Exception {
        String classpath = ceremonyClasspath();
        try (ProductionDatabase database = ProductionDatabase.prepare(work)) {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Tools.Result result = Tools.runClean(List.of("sh", "docker/entrypoint.sh", java, "-cp", classpath, CEREMONY, "list",
                    "--db-url", database.url(), "--db-user", "eimzo_admin"), Map.of());
            // No console and no EIMZO_DB_PASSWORD: the CLI's "missing secret" exit code, and nothing migrated.
            assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
            assertThat(versions(database)).isEmpty();
        }
    }

    private static List<String> versions(ProductionDatabase database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), "postgres", "postgres"); Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("select to_regclass('public.flyway_schema_history') is not null");
            exists.next();
            List<String> versions = new ArrayList<>();
            if (exists.getBoolean(1)) {
                ResultSet rs = s.executeQuery("select version from flyway_schema_history where success and version is not null order by installed_rank");
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            return versions;
        }
    }

    private static final String CEREMONY = "uz.eimzo.ca.ceremony.CeremonyCli";

    /** ca-core and its runtime libraries, as the dependency plugin wrote them for this module. */
    private static String ceremonyClasspath() throws Exception {
        return Files.readString(Path.of("target", "ceremony.classpath")).strip();
    }
}
