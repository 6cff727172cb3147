package uz.eimzo.ocsp;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.StreamingReplica;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.replica.ReadRouting;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responder against a primary and a real streaming hot standby: bulk reads go to the standby, yet no answer is
 * ever staler than the primary's notifications allow, and a lagging or lost standby only moves reads to the primary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadTest {

    StreamingReplica databases;
    RunningResponder responder;
    ReadRouting routing;
    HttpClient http = HttpClient.newHttpClient();
    SecureRandom random = new SecureRandom();

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        databases = StreamingReplica.start(directory.resolve("postgres"));
        var replica = databases.replica();
        responder = RunningResponder.start(databases.primary(), Files.createDirectories(directory.resolve("responder")),
                Duration.ofDays(7),
                "--eimzo.ocsp.replica.url=" + replica.url(),
                "--eimzo.ocsp.replica.username=" + replica.user(),
                "--eimzo.ocsp.replica.password=" + replica.password(),
                "--eimzo.ocsp.replica.max-lag=PT3S",
                "--eimzo.ocsp.replica.check-interval=PT0.2S");
        routing = responder.context.getBean(ReadRouting.class);
    }

    @BeforeEach
    void replicaCurrent() {
        databases.resumeReplay();
        databases.awaitCaughtUp(Duration.ofSeconds(30));
        awaitReplica(ReadRouting.State.IN_USE);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (routing.allStatusesOnPrimary() && System.nanoTime() < deadline) {
            RunningResponder.sleep(50);
        }
        assertThat(routing.allStatusesOnPrimary()).as("status reads back on the replica after startup").isFalse();
    }

    @AfterAll
    void stop() {
        if (responder != null) {
            responder.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @Test
    @Order(0)
    void replicaLagIsExposedAsAGauge() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(responder.management() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        // A number of seconds (NaN would mean unreachable); the replica is current, so well under max-lag.
        assertThat(metrics).containsPattern("(?m)^eimzo_ocsp_replica_lag_seconds\\{[^}]*} [0-2]\\.[0-9]+$");
    }

    @Test
    @Order(1)
    void statusLookupsReadTheReplica() throws Exception {
        databases.pauseReplay();
        BigInteger serial = issue();

        // Only the standby, which has not replayed the issuance, can say unknown about a good certificate.
        assertThat(status(serial)).isEqualTo("unknown");
        databases.resumeReplay();
        databases.awaitCaughtUp(Duration.ofSeconds(30));
        assertThat(status(serial)).isEqualTo("good");
    }

    @Test
    @Order(2)
    void revocationIsAnsweredRevokedWithinASecondEvenWhileTheReplicaLags() throws Exception {
        BigInteger serial = issue();
        databases.awaitCaughtUp(Duration.ofSeconds(30));
        assertThat(status(serial)).isEqualTo("good");
        assertThat(status(serial)).isEqualTo("good"); // cached now
        databases.pauseReplay();

        responder.ca.services.revocations().revoke(TestCa.ISSUING, serial, RevocationReason.KEY_COMPROMISE, null, "registrar");
        long revoked = System.nanoTime();
        String answer = status(serial);
        while (!answer.equals("revoked") && System.nanoTime() - revoked < 1_000_000_000L) {
            Thread.sleep(20);
            answer = status(serial);
        }

        assertThat(answer).as("answer within a second of the revocation, the standby paused").isEqualTo("revoked");
        assertThat(routing.condition().state()).as("the standby was still trusted for other reads")
                .isEqualTo(ReadRouting.State.IN_USE);
    }

    @Test
    @Order(3)
    void laggingReplicaSendsAllReadsToThePrimary() throws Exception {
        databases.pauseReplay();
        BigInteger serial = issue();

        awaitReplica(ReadRouting.State.LAGGING);
        assertThat(status(serial)).as("issued after the standby stopped replaying").isEqualTo("good");
        assertThat(health()).contains("\"replica\"").contains("lagging");
    }

    @Test
    @Order(4)
    void replicaLossFallsBackToThePrimary() throws Exception {
        List<BigInteger> serials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            serials.add(issue());
        }
        databases.awaitCaughtUp(Duration.ofSeconds(30));
        for (BigInteger serial : serials) {
            assertThat(status(serial)).isEqualTo("good");
        }

        databases.stopReplica();

        List<String> answers = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (BigInteger serial : serials) {
                answers.add(status(serial)); // each with a nonce: never from the cache
            }
        }
        assertThat(answers).as("every answer successful and current").containsOnly("good");
        awaitReplica(ReadRouting.State.UNREACHABLE);
        assertThat(health()).contains("unreachable");
    }

    private BigInteger issue() {
        return responder.issue(TestCa.individual(), "individual").serial();
    }

    /** One OCSP request with a nonce (so never answered from the cache); good, revoked or unknown. */
    private String status(BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(responder.ca.issuing.certificate()));
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(
                new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce)))).build().getEncoded();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).as("OCSP response status").isEqualTo(OCSPResp.SUCCESSFUL);
        CertificateStatus status = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
        return switch (status) {
            case null -> "good";
            case RevokedStatus revoked -> "revoked";
            case UnknownStatus unknown -> "unknown";
            default -> throw new IllegalStateException("Unexpected status " + status);
        };
    }

    private String health() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(responder.management() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitReplica(ReadRouting.State wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (routing.condition().state() != wanted && System.nanoTime() < deadline) {
            RunningResponder.sleep(50);
        }
        assertThat(routing.condition().state()).as("where reads go").isEqualTo(wanted);
    }
}
