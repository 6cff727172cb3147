package uz.eimzo.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh PostgreSQL cluster prepared as in production: deploy/postgres/10-eimzo-roles.sh run by psql as the
 * superuser, then the working tree's migrations run as the owner role {@code eimzo_admin}.
 */
final class ProductionDatabase implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-secret";
    // Quotes, spaces and a backslash: the script must pass any password through intact.
    static final String APP_PASSWORD = "app pa'ss\\word \"1\"";
    static final String RESPONDER_PASSWORD = "responder-secret";
    static final String REPLICATION_PASSWORD = "replication-secret";

    private final EmbeddedPostgres postgres;

    private ProductionDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Roles script, then the migrations as the owner. */
    static ProductionDatabase start(Path work) throws Exception {
        ProductionDatabase database = prepare(work);
        // The SQL of the working tree (db/migrations/*.sql; a filesystem location would also find copies under target/).
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        try (var files = Files.list(Path.of("../db/migrations"))) {
            for (Path sql : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                Files.copy(sql, migrations.resolve(sql.getFileName()));
            }
        }
        Flyway.configure().dataSource(database.url(), "eimzo_admin", ADMIN_PASSWORD)
                .locations("filesystem:" + migrations).load().migrate();
        return database;
    }

    /** The roles script only: an empty database owned by eimzo_admin, as on the first start of PostgreSQL. */
    static ProductionDatabase prepare(Path work) throws Exception {
        Tools.assumeInstalled("psql");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        ProductionDatabase database = new ProductionDatabase(postgres);
        database.requirePasswords();
        Path secrets = Files.createDirectories(work.resolve("db-secrets"));
        Map<String, String> environment = Map.of(
                "PGHOST", "localhost",
                "PGPORT", String.valueOf(postgres.getPort()),
                "PGPASSWORD", "postgres",
                "POSTGRES_USER", "postgres",
                "EIMZO_DATABASE", "eimzo",
                "EIMZO_ADMIN_PASSWORD_FILE", Files.writeString(secrets.resolve("admin"), ADMIN_PASSWORD + "\n").toString(),
                "EIMZO_APP_PASSWORD_FILE", Files.writeString(secrets.resolve("app"), APP_PASSWORD).toString(),
                "EIMZO_RESPONDER_PASSWORD_FILE", Files.writeString(secrets.resolve("responder"), RESPONDER_PASSWORD).toString(),
                "EIMZO_REPLICATION_PASSWORD_FILE", Files.writeString(secrets.resolve("replication"), REPLICATION_PASSWORD).toString());
        Tools.Result script = Tools.run(List.of("sh", "postgres/10-eimzo-roles.sh"), environment);
        assertThat(script.exitCode()).as(script.output()).isZero();

        return database;
    }

    /**
     * The embedded server trusts every local connection; production checks passwords. Only the superuser keeps
     * trust here (the tests' own inspection connections).
     */
    private void requirePasswords() throws Exception {
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            var rs = s.executeQuery("show hba_file");
            rs.next();
            Files.writeString(Path.of(rs.getString(1)), """
                    local all postgres trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            s.execute("select pg_reload_conf()");
        }
    }

    String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/eimzo";
    }

    EmbeddedPostgres server() {
        return postgres;
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
