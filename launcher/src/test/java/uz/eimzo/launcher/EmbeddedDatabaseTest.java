package uz.eimzo.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The run command's PostgreSQL keeps what it committed through a power loss: a CA never trades that for speed. */
class EmbeddedDatabaseTest {

    final ByteArrayOutputStream said = new ByteArrayOutputStream();
    final PrintStream warnings = new PrintStream(said, true, StandardCharsets.UTF_8);

    private static String show(EmbeddedPostgres pg, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
             ResultSet rs = c.createStatement().executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void embeddedPostgresFlushesEveryCommitToDisk(@TempDir Path data) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(data.resolve("postgres"), freePort(), false, warnings)) {
            assertThat(show(pg, "fsync")).isEqualTo("on");
            assertThat(show(pg, "synchronous_commit")).isEqualTo("on");
            assertThat(show(pg, "full_page_writes")).isEqualTo("on");
        }
        assertThat(said.toString()).isEmpty();
    }

    @Test
    void theFastDemoModeIsAskedForExplicitlyAndSaysWhatItRisks(@TempDir Path data) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedDatabase.start(data.resolve("postgres"), freePort(), true, warnings)) {
            assertThat(show(pg, "fsync")).isEqualTo("off");
            assertThat(show(pg, "synchronous_commit")).isEqualTo("off");
        }
        assertThat(said.toString()).startsWith("WARNING: EIMZO_DEMO_UNSAFE_FAST_DB=true")
                .contains("can lose issued certificates and audit rows");
    }
}
