package uz.eimzo.ca.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

/**
 * A PostgreSQL primary with a real hot standby streaming from it, both from the embedded binaries: the primary is
 * started with replication allowed, copied with the low-level backup API (the binaries have no pg_basebackup), and the
 * copy started as a standby through a physical replication slot. Each instance has its own two servers and one
 * migrated database on them, so tests may pause replay or stop the standby without disturbing anyone else.
 */
public final class StreamingReplica implements AutoCloseable {

    private static final String DATABASE = "eimzo";
    private static final String SLOT = "eimzo_replica";
    // Written, rewritten or owned by the running server: never part of a base backup.
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "pg_internal.init");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final EmbeddedPostgres primary;
    private EmbeddedPostgres replica;
    private final TestDatabase primaryDatabase;
    private final TestDatabase replicaDatabase;

    private StreamingReplica(EmbeddedPostgres primary, EmbeddedPostgres replica) {
        this.primary = primary;
        this.replica = replica;
        this.primaryDatabase = new TestDatabase(DATABASE, primary.getJdbcUrl("postgres", DATABASE), "postgres", "postgres", () -> {
        });
        this.replicaDatabase = new TestDatabase(DATABASE, replica.getJdbcUrl("postgres", DATABASE), "postgres", "postgres", () -> {
        });
    }

    /** Starts a primary with the migrated schema and a standby that has caught up with it; data lives under directory. */
    public static StreamingReplica start(Path directory) {
        Path primaryData = directory.resolve("primary");
        Path replicaData = directory.resolve("replica");
        EmbeddedPostgres primary = null;
        try {
            primary = server(primaryData, true);
            try (Connection c = DriverManager.getConnection(primary.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                 Statement s = c.createStatement()) {
                s.execute("create database " + DATABASE);
            }
            Flyway.configure().dataSource(primary.getJdbcUrl("postgres", DATABASE), "postgres", "postgres")
                    .locations("classpath:db/migration").load().migrate();
            baseBackup(primary, primaryData, replicaData);
            // The server refuses a data directory others may read.
            Files.setPosixFilePermissions(replicaData, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(replicaData.resolve("standby.signal"), "");
            Files.writeString(replicaData.resolve("postgresql.auto.conf"), """

                    primary_conninfo = 'host=localhost port=%d user=postgres application_name=eimzo_replica'
                    primary_slot_name = '%s'
                    """.formatted(primary.getPort(), SLOT), StandardOpenOption.APPEND, StandardOpenOption.CREATE);
            StreamingReplica pair = new StreamingReplica(primary, server(replicaData, false));
            pair.awaitInRecovery();
            pair.awaitCaughtUp(Duration.ofSeconds(60));
            return pair;
        } catch (IOException | SQLException e) {
            closeQuietly(primary);
            throw new IllegalStateException("Could not start a streaming replica", e);
        }
    }

    private static EmbeddedPostgres server(Path data, boolean fresh) throws IOException {
        // Both servers need the same limits: a standby refuses to start with fewer connections than its primary.
        Path log = data.resolveSibling(data.getFileName() + ".log");
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setCleanDataDirectory(fresh)
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("wal_keep_size", "128MB")
                .setServerConfig("hot_standby", "on")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** The low-level non-exclusive backup: start, copy the files, stop, and keep the label the stop returns. */
    private static void baseBackup(EmbeddedPostgres primary, Path from, Path to) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(primary.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            // The slot keeps every WAL segment from now on until the standby has streamed it.
            s.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
            s.execute("select pg_backup_start('eimzo-replica', true)");
            copy(from, to);
            try (ResultSet rs = s.executeQuery("select labelfile from pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(to.resolve("backup_label"), rs.getString(1));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = from.relativize(dir);
                Files.createDirectories(to.resolve(relative.toString()));
                if (relative.getNameCount() == 1 && EMPTIED_DIRECTORIES.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(to.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!SKIPPED_FILES.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()));
                    } catch (NoSuchFileException removedWhileCopying) {
                        // WAL replay recreates whatever the server removed during the backup
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** The migrated database on the primary: write here. */
    public TestDatabase primary() {
        return primaryDatabase;
    }

    /** The same database on the standby: read-only, and as current as replay allows. */
    public TestDatabase replica() {
        return replicaDatabase;
    }

    /** Stops applying WAL on the standby (it keeps receiving it): from now on the standby lags. */
    public void pauseReplay() {
        replicaSql("select pg_wal_replay_pause()");
    }

    public void resumeReplay() {
        replicaSql("select pg_wal_replay_resume()");
    }

    /** Waits until the standby has replayed everything committed on the primary (even asynchronously) when this was called. */
    public void awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection p = DriverManager.getConnection(primaryDatabase.url(), "postgres", "postgres");
             Connection r = DriverManager.getConnection(replicaDatabase.url(), "postgres", "postgres");
             Statement ps = p.createStatement(); Statement rs = r.createStatement()) {
            String target;
            try (ResultSet lsn = ps.executeQuery("select pg_current_wal_insert_lsn()::text")) {
                lsn.next();
                target = lsn.getString(1);
            }
            while (System.nanoTime() < deadline) {
                try (ResultSet behind = rs.executeQuery(
                        "select coalesce(pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn, false)")) {
                    behind.next();
                    if (behind.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("The standby did not catch up within " + timeout);
    }

    /** Stops the standby server, as a crash or a network partition would take it away. */
    public void stopReplica() {
        closeQuietly(replica);
    }

    private void awaitInRecovery() {
        try (Connection r = DriverManager.getConnection(replicaDatabase.url(), "postgres", "postgres");
             Statement s = r.createStatement(); ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("The copy started as a primary, not as a standby");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void replicaSql(String sql) {
        try (Connection r = DriverManager.getConnection(replicaDatabase.url(), "postgres", "postgres");
             Statement s = r.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        replicaDatabase.close();
        primaryDatabase.close();
        closeQuietly(replica);
        closeQuietly(primary);
    }
}
