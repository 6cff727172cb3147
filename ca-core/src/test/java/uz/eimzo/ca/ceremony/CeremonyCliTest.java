package uz.eimzo.ca.ceremony;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.SoftHsm;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The key-ceremony command line run in-process against a real PostgreSQL and a PKCS#12 file. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CeremonyCliTest {

    private static final String KEYSTORE_PASSWORD = "ceremony-secret-1";

    TestDatabase db;
    Path directory;
    Path keyFile;
    Run root;
    Run issuing;

    /** One command's exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void ceremony(TestDatabase db, @TempDir Path directory) {
        this.db = db;
        this.directory = directory;
        this.keyFile = directory.resolve("ca-keys.p12");
        root = run("init-root", "--name", "cli-root", "--algorithm", "EC_P384", "--validity", "P20Y",
                "--cn", "E-IMZO CLI Root CA", "--o", "E-IMZO Test Markazi", "--c", "UZ", "--pkcs12", keyFile.toString());
        issuing = run("init-issuing", "--parent", "cli-root", "--name", "cli-issuing", "--algorithm", "ec_p256",
                "--validity", "P10Y", "--subject", "C=UZ,O=E-IMZO Test Markazi,CN=E-IMZO CLI Issuing CA",
                "--responder-url", "http://ocsp.example.uz", "--pkcs12", keyFile.toString());
    }

    @Test
    void initRootPrintsNameSubjectFingerprintAndKeyReference() {
        assertThat(root.exitCode()).as(root.err()).isZero();
        X509Certificate cert = exportedChain("cli-root", "root.pem").getFirst();
        assertThat(root.out())
                .contains("Created root CA cli-root")
                .contains("CN=E-IMZO CLI Root CA")
                .contains(CeremonyCli.fingerprint(Certificates.der(cert)))
                .contains("pkcs12:" + keyFile.toAbsolutePath() + "#cli-root");
        assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
        assertThat(cert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void initIssuingCertifiesTheNewKeyWithTheRootAndPublicationUrls() throws Exception {
        assertThat(issuing.exitCode()).as(issuing.err()).isZero();
        assertThat(issuing.out()).contains("Created issuing CA cli-issuing under cli-root")
                .contains("C=UZ,O=E-IMZO Test Markazi,CN=E-IMZO CLI Issuing CA")
                .contains("pkcs12:" + keyFile.toAbsolutePath() + "#cli-issuing");
        List<X509Certificate> chain = exportedChain("cli-issuing", "issuing-chain.pem", "--chain");
        assertThat(new String(chain.getFirst().getExtensionValue("1.3.6.1.5.5.7.1.1"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("http://ocsp.example.uz/ocsp").contains("http://ocsp.example.uz/ca/cli-root.crt");
    }

    @Test
    void issuingCaKeyGoesOnTheHsmWhileTheRootKeyStaysInItsOwnFile(@TempDir Path hsmDirectory) throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed (" + SoftHsm.LIBRARY + " is absent): skipped");
        Path config = SoftHsm.get().writeConfiguration("eimzo-ca-2", hsmDirectory.resolve("hsm.cfg"));
        Map<String, String> env = environment();
        env.remove(KeyStorageOptions.PKCS12_PASSWORD);
        env.put(KeyStorageOptions.PKCS11_PIN, SoftHsm.USER_PIN);
        env.put(ParentKeyStorageOptions.PKCS12_PASSWORD, KEYSTORE_PASSWORD);

        Run hsm = run(env, "init-issuing", "--parent", "cli-root", "--name", "cli-hsm-issuing", "--algorithm", "RSA_2048",
                "--cn", "E-IMZO CLI HSM Issuing CA", "--c", "UZ", "--responder-url", "http://ocsp.example.uz",
                "--pkcs11-config", config.toString(), "--parent-pkcs12", keyFile.toString());

        assertThat(hsm.exitCode()).as(hsm.err()).isZero();
        assertThat(hsm.out()).contains("pkcs11:" + config.toAbsolutePath() + "#cli-hsm-issuing");
        List<X509Certificate> chain = exportedChain("cli-hsm-issuing", "hsm-chain.pem", "--chain");
        chain.get(0).verify(chain.get(1).getPublicKey());
        assertThat(chain.get(0).getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void existingCaIsImportedWithItsKeyAndRefusedTwiceOrWithAnotherKey(@TempDir Path elsewhere) throws Exception {
        // A hierarchy made on another database, as if by an earlier installation.
        TestCa other;
        try (TestDatabase otherDb = PostgresServer.get().newDatabase()) {
            other = TestCa.create(otherDb.dataSource(), elsewhere);
        }
        Path rootDer = Files.write(elsewhere.resolve("root.der"), Certificates.der(other.root.certificate()));
        Path issuingPem = Files.writeString(elsewhere.resolve("issuing.pem"), Certificates.pem(other.issuing.certificate()));
        Map<String, String> env = environment();
        env.put(KeyStorageOptions.PKCS12_PASSWORD, "test-password");
        String otherKeys = elsewhere.resolve("ca-keys.p12").toString();

        Run root = run(env, "import", "--name", "imported-root", "--certificate", rootDer.toString(),
                "--alias", TestCa.ROOT, "--pkcs12", otherKeys);
        Run mismatch = run(env, "import", "--name", "imported-wrong-key", "--certificate", issuingPem.toString(),
                "--parent", "imported-root", "--alias", TestCa.ROOT, "--pkcs12", otherKeys);
        Run issuing = run(env, "import", "--name", "imported-issuing", "--certificate", issuingPem.toString(),
                "--parent", "imported-root", "--alias", TestCa.ISSUING, "--pkcs12", otherKeys);
        Run twice = run(env, "import", "--name", "imported-again", "--certificate", rootDer.toString(),
                "--alias", TestCa.ROOT, "--pkcs12", otherKeys);

        assertThat(root.exitCode()).as(root.err()).isZero();
        assertThat(root.out()).contains("Imported CA imported-root").contains("#" + TestCa.ROOT);
        assertThat(issuing.exitCode()).as(issuing.err()).isZero();
        assertThat(mismatch.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(mismatch.err()).contains("does not match the certificate's public key");
        assertThat(twice.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(twice.err()).contains("already registered as CA imported-root");
        assertThat(run("list").out()).containsPattern("imported-issuing\\s+imported-root");
    }

    @Test
    void exportedPemChainParsesAndChainsToTheRoot() throws Exception {
        List<X509Certificate> chain = exportedChain("cli-issuing", "chain.pem", "--chain", "--pem");

        assertThat(chain).hasSize(2);
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(chain.get(1).getPublicKey());
        assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(chain.get(1).getSubjectX500Principal());
    }

    @Test
    void opensslPrintsTheSameFingerprintAndVerifiesTheExportedIssuingCa() throws Exception {
        exportedChain("cli-root", "openssl-root.pem");
        exportedChain("cli-issuing", "openssl-issuing.pem");
        Path rootPem = directory.resolve("openssl-root.pem");
        String printed = root.out().lines().filter(l -> l.contains("SHA-256:")).findFirst().orElseThrow()
                .replace("SHA-256:", "").strip();

        assertThat(openssl("x509", "-in", rootPem.toString(), "-noout", "-fingerprint", "-sha256")).contains(printed);
        assertThat(openssl("verify", "-CAfile", rootPem.toString(), directory.resolve("openssl-issuing.pem").toString()))
                .contains(": OK");
    }

    @Test
    void exportedDerIsTheSingleCaCertificate() throws Exception {
        Path out = directory.resolve("issuing.der");

        Run export = run("export", "cli-issuing", "--der", "--out", out.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        X509Certificate cert = Certificates.parse(Files.readAllBytes(out));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("C=UZ,O=E-IMZO Test Markazi,CN=E-IMZO CLI Issuing CA");
        assertThat(export.out()).contains(CeremonyCli.fingerprint(Files.readAllBytes(out)));
    }

    @Test
    void listShowsEveryCaWithItsParent() {
        Run list = run("list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("cli-root\\s+-\\s+EC_P384")
                .containsPattern("cli-issuing\\s+cli-root\\s+EC_P256");
    }

    @Test
    void verifyAuditReportsAnIntactChainAndThenTheRowSomeoneEdited() {
        Run intact = run("verify-audit");
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).containsPattern("Audit log intact: \\d+ rows verified");

        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource());
        long id = jdbc.sql("select min(id) from audit_event").query(Long.class).single();
        String actor = jdbc.sql("select actor from audit_event where id = ?").param(id).query(String.class).single();
        jdbc.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            jdbc.sql("update audit_event set actor = 'mallory' where id = ?").param(id).update();
            Run broken = run("verify-audit");
            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.err()).contains("BROKEN at row " + id).contains("edited");
        } finally {
            // Put history back as it was, for the other tests of this class that share the database.
            jdbc.sql("update audit_event set actor = ? where id = ?").params(actor, id).update();
            jdbc.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
    }

    @Test
    void showPrintsOneCa() {
        Run show = run("show", "cli-issuing");

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("issuing, under cli-root").contains("SHA-256:").contains("#cli-issuing");
    }

    @Test
    void unknownParentIsRefusedWithExitCode1AndNoStackTrace() {
        Run refused = run("init-issuing", "--parent", "no-such-ca", "--name", "orphan", "--algorithm", "EC_P256",
                "--cn", "Orphan", "--responder-url", "http://ocsp.example.uz", "--pkcs12", keyFile.toString());

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(refused.err()).contains("Unknown CA: no-such-ca").doesNotContain("\tat ");
        assertThat(run("show", "orphan").err()).contains("Unknown CA: orphan");
    }

    @Test
    void takenNameIsRefusedWithExitCode1() {
        Run refused = run("init-root", "--name", "cli-root", "--algorithm", "EC_P256", "--cn", "Another Root",
                "--pkcs12", keyFile.toString());

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(refused.err()).contains("A CA named cli-root already exists").doesNotContain("\tat ");
    }

    @Test
    void unknownAlgorithmIsAUsageErrorWithExitCode2() {
        Run refused = run("init-root", "--name", "bad-alg", "--algorithm", "DSA_1024", "--cn", "Bad",
                "--pkcs12", keyFile.toString());

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.USAGE);
        assertThat(refused.err()).contains("--algorithm").contains("DSA_1024").contains("EC_P256").doesNotContain("\tat ");
    }

    @Test
    void badPeriodAndBadSubjectAreUsageErrors() {
        Run period = run("init-root", "--name", "bad-period", "--algorithm", "EC_P256", "--validity", "20 years",
                "--cn", "Bad", "--pkcs12", keyFile.toString());
        Run subject = run("init-root", "--name", "bad-subject", "--algorithm", "EC_P256", "--subject", "CN=Bad,,==",
                "--pkcs12", keyFile.toString());

        assertThat(period.exitCode()).isEqualTo(CeremonyException.USAGE);
        assertThat(period.err()).contains("'20 years' is not an ISO-8601 period");
        assertThat(subject.exitCode()).isEqualTo(CeremonyException.USAGE);
        assertThat(subject.err()).contains("Not an RFC 4514 name");
    }

    @Test
    void wrongKeystorePasswordIsRefusedWithExitCode3BeforeAnythingChanges() {
        Map<String, String> env = environment();
        env.put(KeyStorageOptions.PKCS12_PASSWORD, "not-the-password");

        Run refused = run(env, "init-issuing", "--parent", "cli-root", "--name", "wrong-password", "--algorithm",
                "EC_P256", "--cn", "Wrong", "--responder-url", "http://ocsp.example.uz", "--pkcs12", keyFile.toString());

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.KEYS);
        assertThat(refused.err()).contains("Wrong password for PKCS#12 file").doesNotContain("not-the-password");
        assertThat(run("show", "wrong-password").exitCode()).isEqualTo(CeremonyException.REFUSED);
    }

    @Test
    void missingSecretWithoutTerminalNamesTheVariable() {
        Map<String, String> env = environment();
        env.remove(DatabaseOptions.PASSWORD_VARIABLE);

        Run refused = run(env, "list");

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.USAGE);
        assertThat(refused.err()).contains("EIMZO_DB_PASSWORD");
    }

    @Test
    void passwordsAreNotAcceptedOnTheCommandLine() {
        Run refused = run("list", "--db-password", db.password());

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.USAGE);
        assertThat(refused.err()).contains("Unknown option");
    }

    @Test
    void derWithChainIsRefused() {
        Run refused = run("export", "cli-root", "--der", "--chain", "--out", directory.resolve("x.der").toString());

        assertThat(refused.exitCode()).isEqualTo(CeremonyException.USAGE);
        assertThat(refused.err()).contains("--chain needs PEM");
        assertThat(directory.resolve("x.der")).doesNotExist();
    }

    private List<X509Certificate> exportedChain(String ca, String fileName, String... options) {
        Path out = directory.resolve(fileName);
        List<String> args = new ArrayList<>(List.of("export", ca, "--out", out.toString()));
        args.addAll(List.of(options));
        Run export = run(args.toArray(String[]::new));
        assertThat(export.exitCode()).as(export.err()).isZero();
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(out)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (Exception e) {
            throw new AssertionError("Exported file does not parse: " + out, e);
        }
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put(DatabaseOptions.PASSWORD_VARIABLE, db.password());
        env.put(KeyStorageOptions.PKCS12_PASSWORD, KEYSTORE_PASSWORD);
        return env;
    }

    private Run run(String... args) {
        return run(environment(), args);
    }

    private Run run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args.length > 0 ? args[0] : ""));
        if (args.length > 0) {
            all.addAll(List.of("--db-url", db.url(), "--db-user", db.user(), "--operator", "test-operator"));
            all.addAll(List.of(args).subList(1, args.length));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // No console in tests: a prompt would mean a secret was not found where it should have been.
        Terminal terminal = new Terminal(env, question -> null, new PrintWriter(out), new PrintWriter(err));
        int code = CeremonyCli.execute(terminal, all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
