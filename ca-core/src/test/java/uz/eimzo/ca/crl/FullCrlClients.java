package uz.eimzo.ca.crl;

import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Relying parties that read only the full CRL at the distribution point and never a delta: OpenSSL
 * ({@code verify -crl_check}, no {@code -use_deltas}), GnuTLS ({@code certtool --verify --load-crl}) and NSS
 * ({@code vfychain} with the CRL imported into a fresh database, CRL checking of the leaf required). A missing tool
 * fails the test (the process cannot start); it is never skipped.
 */
public final class FullCrlClients {

    /** What one tool said about a certificate. */
    public record Verdict(String tool, boolean accepted, boolean revoked, String output) {
    }

    private final Path directory;
    private final X509Certificate root;
    private final X509Certificate issuing;
    private int runs;

    public FullCrlClients(Path directory, X509Certificate root, X509Certificate issuing) {
        this.directory = directory;
        this.root = root;
        this.issuing = issuing;
    }

    /** Each tool's verdict on {@code leaf}, given the issuing CA's full CRL and nothing else. */
    public Map<String, Verdict> check(X509Certificate leaf, byte[] fullCrl) {
        try {
            Path dir = Files.createDirectories(directory.resolve("clients-" + (++runs)));
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            verdicts.put("openssl", openssl(dir, leaf, fullCrl));
            verdicts.put("gnutls", gnutls(dir, leaf, fullCrl));
            verdicts.put("nss", nss(dir, leaf, fullCrl));
            return verdicts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Verdict openssl(Path dir, X509Certificate leaf, byte[] crl) throws IOException {
        Path chain = Files.writeString(dir.resolve("chain.pem"), Certificates.pem(issuing) + Certificates.pem(root));
        Path leafPem = Files.writeString(dir.resolve("leaf.pem"), Certificates.pem(leaf));
        Path crlPem = Files.writeString(dir.resolve("crl.pem"), pemCrl(crl));
        String out = run("openssl", "verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", crlPem.toString(),
                leafPem.toString());
        return new Verdict("openssl", out.contains(": OK"), out.contains("certificate revoked"), out);
    }

    private Verdict gnutls(Path dir, X509Certificate leaf, byte[] crl) throws IOException {
        Path rootPem = Files.writeString(dir.resolve("root.pem"), Certificates.pem(root));
        // The chain to verify, leaf first, as a TLS peer would present it.
        Path presented = Files.writeString(dir.resolve("presented.pem"), Certificates.pem(leaf) + Certificates.pem(issuing));
        Path crlPem = Files.writeString(dir.resolve("gnutls-crl.pem"), pemCrl(crl));
        String out = run("certtool", "--verify", "--load-ca-certificate", rootPem.toString(), "--load-crl",
                crlPem.toString(), "--infile", presented.toString());
        return new Verdict("gnutls", out.contains("Chain verification output: Verified"),
                out.contains("is revoked"), out);
    }

    private Verdict nss(Path dir, X509Certificate leaf, byte[] crl) throws IOException {
        Path db = Files.createDirectories(dir.resolve("nssdb"));
        String store = "sql:" + db;
        run("certutil", "-N", "-d", store, "--empty-password");
        run("certutil", "-A", "-d", store, "-n", "root", "-t", "C,C,C", "-i", der(dir, "root.der", root).toString());
        run("certutil", "-A", "-d", store, "-n", "issuing", "-t", ",,", "-i", der(dir, "issuing.der", issuing).toString());
        Path crlDer = Files.write(dir.resolve("crl.der"), crl);
        String imported = run("crlutil", "-I", "-t", "1", "-d", store, "-i", crlDer.toString());
        // -pp: the PKIX library; the leaf's status must come from a CRL already in the database, never fetched.
        String out = imported + run("vfychain", "-d", store, "-pp", "-u", "4", "-g", "leaf", "-m", "crl",
                "-s", "forbidFetching", "-s", "requireInfo", der(dir, "leaf.der", leaf).toString());
        return new Verdict("nss", out.contains("Chain is good!"), out.contains("-8180"), out);
    }

    private static Path der(Path dir, String name, X509Certificate certificate) throws IOException {
        try {
            return Files.write(dir.resolve(name), certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pemCrl(byte[] der) {
        return "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END X509 CRL-----\n";
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command[0] + " (is it installed? .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
