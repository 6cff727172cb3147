package uz.eimzo.tsa;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.tsa.signing.TsaSigners;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box: openssl writes the query, HTTP carries it, openssl verifies the reply against the CA chain, for an
 * ECDSA and an RSA TSA key certified by our CA's lint-record-sign pipeline.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TsaInteroperabilityTest {

    Path directory;
    TestCa ca;
    RunningTsa ecdsa;
    RunningTsa rsa;
    Path chain;
    Path data;
    TestDatabase db;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws IOException {
        this.db = db;
        this.directory = directory;
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        ecdsa = RunningTsa.start(db, ca, directory, "tsa-ec", KeyAlgorithm.EC_P256, Clock.systemUTC());
        rsa = RunningTsa.start(db, ca, directory, "tsa-rsa", KeyAlgorithm.RSA_2048, Clock.systemUTC());
        ecdsa.clockChecked();
        rsa.clockChecked();
        chain = directory.resolve("chain.pem");
        Files.writeString(chain, Certificates.pem(ca.issuing.certificate()) + Certificates.pem(ca.root.certificate()));
        data = directory.resolve("contract.txt");
        Files.writeString(data, "Shartnoma No 17, 2026-12-07");
    }

    @AfterAll
    void stop() {
        ecdsa.close();
        rsa.close();
    }

    @Test
    void thePublicPortAnswersHealthWithTheStatusAloneAndNoMetrics() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ecdsa.port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isIn(200, 503);
            assertThat(health.body()).matches("\\{\"status\":\"[A-Z_]+\"}");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + ecdsa.port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void opensslVerifiesAnEcdsaToken() throws Exception {
        assertThat(verifyWithOpenssl(ecdsa, "ec")).contains("Verification: OK");
    }

    @Test
    void opensslVerifiesAnRsaToken() throws Exception {
        assertThat(verifyWithOpenssl(rsa, "rsa")).contains("Verification: OK");
    }

    @Test
    void tokenStatesPolicyAccuracyNonceAndNoOrdering() throws Exception {
        Path query = query("text", "-sha256", "-cert");
        Path reply = directory.resolve("text.tsr");
        Files.write(reply, ecdsa.post(Files.readAllBytes(query)));
        String queryText = run("openssl", "ts", "-query", "-in", query.toString(), "-text");
        String replyText = run("openssl", "ts", "-reply", "-in", reply.toString(), "-text");
        assertThat(replyText).contains("Status: Granted.")
                .contains("Policy OID: 1.2.860.3.2.11.1") // E-IMZO's TSA policy, the default
                .contains("Accuracy: 0x01 seconds").contains("Ordering: no")
                .contains("Hash Algorithm: sha256");
        String nonce = queryText.lines().filter(l -> l.contains("Nonce:")).findFirst().orElseThrow().trim();
        assertThat(replyText).contains(nonce);
    }

    @Test
    void tsaCertificateHasCriticalTimeStampingOnlyAndDigitalSignatureNonRepudiation() throws Exception {
        X509Certificate certificate = ecdsa.context.getBean(TsaSigners.class).current().orElseThrow().certificate();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.37", "2.5.29.15");
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[1]).as("nonRepudiation").isTrue();
        assertThat(keyUsage[5] || keyUsage[6] || keyUsage[2]).isFalse();
        certificate.verify(ca.issuing.certificate().getPublicKey());
        // Recorded in the CA's certificate table before it was handed out, like every certificate.
        assertThat(ca.jdbc.sql("select count(*) from certificate where serial = ?")
                .param(new BigDecimal(certificate.getSerialNumber())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyTokenIsRecordedBeforeItsReplyArrives() throws Exception {
        Path query = query("ledger", "-sha512", "-cert");
        TimeStampResponse reply = new TimeStampResponse(ecdsa.post(Files.readAllBytes(query)));
        assertThat(reply.getStatus()).isEqualTo(PKIStatus.GRANTED);
        var info = reply.getTimeStampToken().getTimeStampInfo();
        assertThat(info.getSerialNumber().bitLength()).isGreaterThan(64);
        var row = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource()).sql("select imprint_algorithm, imprint, policy, tsa from timestamp_token where serial = ?")
                .param(new BigDecimal(info.getSerialNumber())).query().singleRow();
        assertThat(row.get("imprint_algorithm")).isEqualTo("SHA512");
        assertThat((byte[]) row.get("imprint")).isEqualTo(info.getMessageImprintDigest());
        assertThat(row.get("policy")).isEqualTo(info.getPolicy().getId());
        assertThat(row.get("tsa")).isEqualTo("tsa-ec");
    }

    @Test
    void noApplicationRoleMayRewriteOrDeleteTokenRecords() {
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource());
        assertThat(jdbc.sql("""
                select r || ':' || p from unnest(array['eimzo_app', 'eimzo_responder']) r,
                  unnest(array['UPDATE', 'DELETE', 'TRUNCATE']) p where has_table_privilege(r, 'timestamp_token', p)""")
                .query(String.class).list()).isEmpty();
        assertThat(jdbc.sql("select has_table_privilege('eimzo_app', 'timestamp_token', 'SELECT')")
                .query(Boolean.class).single()).as("auditors read through the RA").isTrue();
        assertThat(jdbc.sql("select has_table_privilege('eimzo_app', 'timestamp_token', 'INSERT')")
                .query(Boolean.class).single()).as("only the TSA writes tokens").isFalse();
    }

    @Test
    void concurrentRequestsAreEachRecordedOnceWithDistinctSerials() throws Exception {
        Path query = query("burst", "-sha256");
        byte[] body = Files.readAllBytes(query);
        List<java.util.concurrent.Future<TimeStampResponse>> replies = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 200; i++) {
                replies.add(pool.submit(() -> new TimeStampResponse(ecdsa.post(body))));
            }
        }
        java.util.Set<java.math.BigInteger> serials = new java.util.HashSet<>();
        for (var reply : replies) {
            assertThat(reply.get().getStatus()).isEqualTo(PKIStatus.GRANTED);
            serials.add(reply.get().getTimeStampToken().getTimeStampInfo().getSerialNumber());
        }
        assertThat(serials).hasSize(200);
        var recorded = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource())
                .sql("select serial from timestamp_token where tsa = 'tsa-ec'").query(BigDecimal.class).list()
                .stream().map(BigDecimal::toBigIntegerExact).toList();
        assertThat(recorded).containsAll(serials);
    }

    @Test
    void aPolicyNotServedIsRefusedWithUnacceptedPolicy() throws Exception {
        Path query = query("policy", "-sha256", "-tspolicy", "1.2.3.4.5");
        TimeStampResponse reply = new TimeStampResponse(ecdsa.post(Files.readAllBytes(query)));
        assertThat(reply.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(reply.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);
        assertThat(reply.getTimeStampToken()).isNull();
    }

    @Test
    void garbageAndOverSizeBodiesGetABadDataFormatRejectionNotAServerError() throws Exception {
        for (byte[] body : List.of("not a request".getBytes(), new byte[1 << 20])) {
            TimeStampResponse reply = new TimeStampResponse(ecdsa.post(body));
            assertThat(reply.getStatus()).isEqualTo(PKIStatus.REJECTION);
            assertThat(reply.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
        }
    }

    @Test
    void grantedAndRefusedRequestsAreCountedByOutcome() throws Exception {
        ecdsa.post(Files.readAllBytes(query("metrics", "-sha256")));
        ecdsa.post("garbage".getBytes());
        String management = "http://127.0.0.1:" + ecdsa.context.getEnvironment().getProperty("local.management.port");
        String metrics;
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            metrics = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(management + "/actuator/prometheus"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(metrics).containsPattern("eimzo_tsa_requests_seconds_count\\{[^}]*outcome=\"granted\"[^}]*} [1-9]")
                .containsPattern("eimzo_tsa_requests_seconds_count\\{[^}]*outcome=\"BAD_DATA_FORMAT\"[^}]*} [1-9]")
                .containsPattern("eimzo_tsa_requests_seconds_count\\{[^}]*outcome=\"TIME_NOT_AVAILABLE\"[^}]*} 0");
    }

    @Test
    void aSha1QueryFromOpensslIsRefusedWithBadAlg() throws Exception {
        Path query = query("sha1", "-sha1");
        TimeStampResponse reply = new TimeStampResponse(ecdsa.post(Files.readAllBytes(query)));
        assertThat(reply.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
    }

    private String verifyWithOpenssl(RunningTsa tsa, String name) throws Exception {
        Path query = query(name, "-sha256", "-cert");
        Path reply = directory.resolve(name + ".tsr");
        Files.write(reply, tsa.post(Files.readAllBytes(query)));
        return run("openssl", "ts", "-verify", "-data", data.toString(), "-in", reply.toString(), "-CAfile", chain.toString());
    }

    private Path query(String name, String... options) throws Exception {
        Path query = directory.resolve(name + ".tsq");
        List<String> command = new ArrayList<>(List.of("openssl", "ts", "-query", "-data", data.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-out", query.toString()));
        run(command.toArray(String[]::new));
        return query;
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
