package uz.eimzo.ca.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * One real PostgreSQL server per test JVM, chosen once: a JDBC URL from {@code EIMZO_TEST_JDBC_URL},
 * else Testcontainers when a Docker engine answers, else embedded PostgreSQL binaries from Maven Central.
 */
public final class PostgresServer {

    private static final String TEMPLATE = "eimzo_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer instance;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String description;

    private PostgresServer(String adminUrl, String user, String password, String description) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    /** The server of this JVM, started and given the migrated template database on first use. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
            instance.createTemplate();
        }
        return instance;
    }

    private static PostgresServer start() {
        String url = System.getenv("EIMZO_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, System.getenv().getOrDefault("EIMZO_TEST_JDBC_USER", "postgres"),
                    System.getenv().getOrDefault("EIMZO_TEST_JDBC_PASSWORD", ""), "external " + url);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + container.getJdbcUrl());
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going away; the temporary cluster is deleted with it
                }
            }));
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                    "embedded PostgreSQL on port " + pg.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("EIMZO_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private void createTemplate() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + TEMPLATE);
            s.execute("create database " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the template database on " + description, e);
        }
        Flyway.configure().dataSource(urlFor(TEMPLATE), user, password)
                .locations("classpath:db/migration").load().migrate();
    }

    /** A fresh database with the whole schema migrated, cloned from the template in milliseconds. */
    public TestDatabase newDatabase() {
        String name = "eimzo_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name + " template " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new TestDatabase(name, urlFor(name), user, password);
    }

    void drop(String name) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name, e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, user, password);
    }

    private String urlFor(String database) {
        int q = adminUrl.indexOf('?');
        String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
        String params = q < 0 ? "" : adminUrl.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Creates the pool a test uses; closing it is the test's business (the extension does it). */
    static DataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        return new HikariDataSource(config);
    }
}
