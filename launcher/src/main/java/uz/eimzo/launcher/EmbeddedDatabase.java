package uz.eimzo.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The launcher's embedded PostgreSQL. The embedded library is made for tests and starts PostgreSQL with fsync
 * and synchronous_commit off; here they are on (and full_page_writes with them), so a power loss cannot drop a
 * committed certificate record or audit row after the certificate was handed out.
 */
final class EmbeddedDatabase {

    /** The environment variable that trades durability for speed in a throwaway demo. */
    static final String UNSAFE_FAST = "EIMZO_DEMO_UNSAFE_FAST_DB";

    private EmbeddedDatabase() {
    }

    /**
     * Starts PostgreSQL on {@code port} with its data kept in {@code directory} across starts.
     *
     * @param unsafeFast fsync and synchronous_commit off, said loudly on {@code warnings}; never for a real CA
     */
    static EmbeddedPostgres start(Path directory, int port, boolean unsafeFast, PrintStream warnings) throws IOException {
        String durable = unsafeFast ? "off" : "on";
        if (unsafeFast) {
            warnings.println("WARNING: " + UNSAFE_FAST + "=true: the embedded PostgreSQL runs with fsync and "
                    + "synchronous_commit off. A power loss or crash can lose issued certificates and audit rows. "
                    + "Never use this for a CA whose certificates anyone relies on.");
        }
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // Given after the library's own -F (fsync off) on the command line, so these win.
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", "on")
                .start();
    }
}
