package uz.eimzo.tsa.verification;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The real {@code openssl ocsp} responder serving an external CA's status from an openssl CA index file: started on a
 * port chosen before the holders' certificates name it, stopped by {@link #close()}.
 */
final class OpensslOcspResponder implements AutoCloseable {

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One line of the index: a certificate, revoked (with keyCompromise) when {@code revokedAt} is not null. */
    record Entry(X509Certificate certificate, Instant revokedAt) {
    }

    final int port;
    private final Path directory;
    private Process process;

    OpensslOcspResponder(Path directory) throws IOException {
        this.directory = directory;
        this.port = freePort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /**
     * Starts openssl answering for the CA {@code ca} from {@code entries}, signing with {@code signer}'s key: the CA
     * itself, or a delegated responder it certified. Responses carry a nextUpdate ten minutes on.
     */
    void start(X509Certificate ca, X509Certificate signer, PrivateKey signerKey, List<Entry> entries) throws Exception {
        Files.createDirectories(directory);
        Path caFile = write("ca.pem", pem("CERTIFICATE", ca.getEncoded()));
        Path signerFile = write("signer.pem", pem("CERTIFICATE", signer.getEncoded()));
        Path keyFile = write("signer.key", pem("PRIVATE KEY", signerKey.getEncoded()));
        StringBuilder index = new StringBuilder();
        for (Entry entry : entries) {
            X509Certificate certificate = entry.certificate();
            index.append(entry.revokedAt() == null ? 'V' : 'R').append('\t')
                    .append(INDEX_TIME.format(certificate.getNotAfter().toInstant())).append('\t')
                    .append(entry.revokedAt() == null ? "" : INDEX_TIME.format(entry.revokedAt()) + ",keyCompromise")
                    // A subject of its own: openssl refuses an index where two valid entries share one.
                    .append('\t').append(hex(certificate.getSerialNumber())).append("\tunknown\t/CN=holder-")
                    .append(hex(certificate.getSerialNumber())).append('\n');
        }
        Path indexFile = write("index.txt", index.toString());
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-index", indexFile.toString(),
                "-CA", caFile.toString(), "-rsigner", signerFile.toString(), "-rkey", keyFile.toString(),
                "-port", String.valueOf(port), "-nmin", "10", "-ignore_err"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("openssl.log").toFile()).start();
        // Ready when it says so: a probe connection that sends nothing would hold openssl's single-threaded server.
        Path log = directory.resolve("openssl.log");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains("waiting for OCSP client connections")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("openssl ocsp exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("openssl ocsp did not listen on " + port);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** A port nothing listens on (at the time of asking): a responder that is down. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The serial as openssl's index keeps it: upper-case hex, an even number of digits. */
    private static String hex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
