package uz.eimzo.ca.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL server for one test alone, with the migrated schema in database {@code eimzo}, that the test
 * may freeze: every process of the server stopped with SIGSTOP, as a hung host or a stalled disk leaves it (connections
 * stay open, nothing answers). Never the shared {@link PostgresServer}, which other tests in the JVM are using.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String DATABASE = "eimzo";

    private final EmbeddedPostgres server;
    private final Path data;
    private final TestDatabase database;
    private final List<Long> frozen = new ArrayList<>();

    private PrivatePostgres(EmbeddedPostgres server, Path data) {
        this.server = server;
        this.data = data;
        this.database = new TestDatabase(DATABASE, server.getJdbcUrl("postgres", DATABASE), "postgres", "postgres", () -> {
        });
    }

    /** Starts the server with its data under directory and migrates the schema. */
    public static PrivatePostgres start(Path directory) {
        Path data = directory.resolve("pg");
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
            try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
                 Statement s = c.createStatement()) {
                s.execute("create database " + DATABASE);
            }
            Flyway.configure().dataSource(server.getJdbcUrl("postgres", DATABASE), "postgres", "postgres")
                    .locations("classpath:db/migration").load().migrate();
            return new PrivatePostgres(server, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the private PostgreSQL", e);
        }
    }

    public TestDatabase database() {
        return database;
    }

    /** SIGSTOP to the postmaster and every process it started; returns how many were stopped. */
    public synchronized int freeze() {
        long postmaster = postmasterPid();
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException("no postmaster " + postmaster))
                .descendants().forEach(p -> pids.add(p.pid()));
        signal("-STOP", pids);
        frozen.addAll(pids);
        return pids.size();
    }

    /** SIGCONT to every process {@link #freeze()} stopped. */
    public synchronized void thaw() {
        if (!frozen.isEmpty()) {
            signal("-CONT", frozen);
            frozen.clear();
        }
    }

    private long postmasterPid() {
        try (Stream<String> lines = Files.lines(data.resolve("postmaster.pid"))) {
            return Long.parseLong(lines.findFirst().orElseThrow().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String signal, List<Long> pids) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        pids.forEach(pid -> command.add(String.valueOf(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thaw();
        database.close();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
