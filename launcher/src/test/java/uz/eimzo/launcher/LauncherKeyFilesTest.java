package uz.eimzo.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-command demo, run as a newcomer runs it (its own JVM, a fresh data folder, no passwords configured):
 * every key file it leaves behind is readable by its owner only, none is locked by a password anyone can read
 * in the source code, and its database keeps what it committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherKeyFilesTest {

    /** Passwords the demo once used for every installation. */
    static final List<String> CONSTANT_PASSWORDS = List.of("demo-only-password", "demo-ocsp-password",
            "tls-demo-password", "changeit");

    Path data;
    Process launcher;
    int pgPort;
    final StringBuilder output = new StringBuilder();

    @BeforeAll
    void start() throws Exception {
        data = Files.createTempDirectory("eimzo-launcher-test");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "--server.port=0", "--eimzo.ra.https-port=0", "--ocsp.server.port=0",
                "--tsa.server.port=0")
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EIMZO_"));
        env.put("EIMZO_DATA", data.toString());
        pgPort = freePort();
        env.put("EIMZO_PG_PORT", String.valueOf(pgPort));
        launcher = builder.start();
        Thread.ofPlatform().daemon().start(() -> copy(launcher.getInputStream()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!said("E-IMZO CA is running") || !Files.exists(data.resolve("keys/ocsp-keys.p12"))
                || !Files.exists(data.resolve("keys/tsa-keys.p12"))) {
            assertThat(launcher.isAlive()).as(this::said).isTrue();
            assertThat(Instant.now()).as("the launcher did not come up: %s", said()).isBefore(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (launcher != null) {
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private void copy(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException ended) {
            // The launcher stopped.
        }
    }

    private String said() {
        synchronized (output) {
            return output.toString();
        }
    }

    private boolean said(String text) {
        return said().contains(text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void everyFileInTheKeysFolderIsReadableByItsOwnerOnly() throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(data.resolve("keys"))) {
            for (Path file : files.toList()) {
                modes.put(file.getFileName().toString(), mode(file));
            }
        }
        assertThat(modes).containsKeys("demo-ca.p12", "operator-tls.p12", "ocsp-keys.p12", "tsa-keys.p12", "personal-data.key");
        assertThat(modes).allSatisfy((file, mode) -> assertThat(mode).as(file).isEqualTo("rw-------"));
        assertThat(mode(data.resolve("demo-operators.txt"))).isEqualTo("rw-------");
    }

    @Test
    void noKeyFileOpensWithAPasswordFromTheSourceCode() throws Exception {
        for (String file : List.of("demo-ca.p12", "operator-tls.p12", "ocsp-keys.p12", "tsa-keys.p12")) {
            Path keyStore = data.resolve("keys").resolve(file);
            for (String constant : CONSTANT_PASSWORDS) {
                assertThatThrownBy(() -> open(keyStore, constant)).as(file + " under " + constant).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void eachKeyFileOpensWithTheGeneratedPasswordBesideItAndTheOutputSaysWhere() throws Exception {
        for (String file : List.of("demo-ca.p12", "operator-tls.p12", "ocsp-keys.p12", "tsa-keys.p12")) {
            Path password = data.resolve("keys").resolve(file + ".password");
            assertThat(mode(password)).as(password.toString()).isEqualTo("rw-------");
            assertThat(open(data.resolve("keys").resolve(file), Files.readString(password).strip()).size()).isPositive();
        }
        assertThat(said()).contains("Key passwords:      " + data.resolve("keys") + "/*.p12.password");
    }

    @Test
    void theLaunchersDatabaseIsDurable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/eimzo?user=postgres")) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = c.createStatement().executeQuery("show " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    private static KeyStore open(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
