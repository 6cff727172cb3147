package uz.eimzo.ocsp;

import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.authorities.CaIndex;
import uz.eimzo.ocsp.status.CertificateState;
import uz.eimzo.ocsp.status.ResponseCache;
import uz.eimzo.ocsp.status.StatusIndex;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory status index, through the responder's HTTP port. Catch-up rounds are run by the test (the scheduled
 * ones are an hour apart), so what the index knows at each step is decided here; notifications flow as in production.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusIndexTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    private RunningResponder responder;
    private StatusIndex index;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7), "--eimzo.ocsp.index.catch-up-interval=PT1H");
        index = responder.context.getBean(StatusIndex.class);
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void goodRevokedHeldAndUnknownAreAnsweredFromTheIndex() throws Exception {
        BigInteger good = issue();
        BigInteger revoked = issue();
        BigInteger held = issue();
        responder.ca.services.revocations().revoke(TestCa.ISSUING, revoked, RevocationReason.KEY_COMPROMISE, null, "test");
        responder.ca.services.revocations().suspend(TestCa.ISSUING, held, "test");
        BigInteger never = new BigInteger(120, random).setBit(100);
        int ca = responder.ca.issuing.id();
        // A notified certificate is the database's until a catch-up after the notification: let them arrive (the
        // status feed polls every 250 ms), then catch up.
        RunningResponder.sleep(1000);
        index.catchUp();

        assertThat(index.lookup(ca, good).state()).extracting(CertificateState::status).isEqualTo("GOOD");
        assertThat(index.lookup(ca, revoked).state()).extracting(CertificateState::status, CertificateState::reason)
                .containsExactly("REVOKED", RevocationReason.KEY_COMPROMISE.code());
        assertThat(index.lookup(ca, held).state()).extracting(CertificateState::status).isEqualTo("HOLD");
        assertThat(index.lookup(ca, never).verdict()).as("a serial never issued is the database's to deny")
                .isEqualTo(StatusIndex.Verdict.ASK_DATABASE);
        assertThat(status(responder.ca.issuing.certificate(), good)).isEqualTo("good");
        assertThat(status(responder.ca.issuing.certificate(), revoked)).isEqualTo("revoked");
        assertThat(status(responder.ca.issuing.certificate(), held)).isEqualTo("revoked");
        assertThat(status(responder.ca.issuing.certificate(), never)).isEqualTo("unknown");
        assertThat(responder.context.getBean(MeterRegistry.class).get("eimzo.ocsp.index.certificates").gauge().value())
                .as("certificates held, as the meter shows them").isGreaterThanOrEqualTo(3);
    }

    @Test
    void revocationIsAnsweredRevokedWithinASecondThoughTheIndexStillSaysGood() throws Exception {
        BigInteger serial = issue();
        index.catchUp();
        assertThat(status(responder.ca.issuing.certificate(), serial)).isEqualTo("good");

        long start = System.nanoTime();
        responder.ca.services.revocations().revoke(TestCa.ISSUING, serial, RevocationReason.KEY_COMPROMISE, null, "test");
        String answer = status(responder.ca.issuing.certificate(), serial);
        while (!answer.equals("revoked") && System.nanoTime() - start < Duration.ofSeconds(2).toNanos()) {
            RunningResponder.sleep(10);
            answer = status(responder.ca.issuing.certificate(), serial);
        }

        assertThat(answer).isEqualTo("revoked");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aChangeNoNotificationAnnouncedIsAnsweredAfterTheNextCatchUp() throws Exception {
        BigInteger serial = issue();
        index.catchUp();
        assertThat(status(responder.ca.issuing.certificate(), serial)).isEqualTo("good");
        // As a revocation whose NOTIFY was lost would leave it: a new revision, no notification.
        responder.ca.jdbc.sql("""
                update certificate set status = 'REVOKED', revoked_at = now(), revocation_reason = 1,
                    revision = nextval('certificate_revision') where ca_id = ? and serial = ?""")
                .params(responder.ca.issuing.id(), new BigDecimal(serial)).update();
        assertThat(status(responder.ca.issuing.certificate(), serial)).as("before the catch-up: the missed change is unseen")
                .isEqualTo("good");

        index.catchUp();

        assertThat(status(responder.ca.issuing.certificate(), serial)).isEqualTo("revoked");
    }

    @Test
    void aCaCreatedAfterTheResponderStartedIsAnsweredFromTheDatabaseBeforeTheIndexLoadsIt() throws Exception {
        CertificateAuthority late = responder.ca.services.authorities().createIssuing(TestCa.ROOT, "late-issuing",
                TestCa.caName("E-IMZO Late Issuing CA"), KeyAlgorithm.EC_P256, Period.ofYears(5), new CaKeyStore(responder.ca.storage), "ceremony");
        BigInteger serial = responder.ca.services.issuer().issue(new EndEntityRequest("late-issuing", "individual",
                TestCa.individual(), KeyAlgorithm.EC_P256.generate(random).getPublic(), "registrar", RegistrationIds.NONE)).serial();
        awaitResponderCertificate(late.id());

        assertThat(index.lookup(late.id(), serial).verdict()).as("not in the index yet")
                .isEqualTo(StatusIndex.Verdict.ASK_DATABASE);
        assertThat(status(late.certificate(), serial)).isEqualTo("good");
        responder.ca.services.revocations().revoke("late-issuing", serial, RevocationReason.KEY_COMPROMISE, null, "test");
        RunningResponder.sleep(500);
        assertThat(status(late.certificate(), serial)).isEqualTo("revoked");

        index.catchUp();

        assertThat(index.lookup(late.id(), serial).verdict()).isEqualTo(StatusIndex.Verdict.KNOWN);
        assertThat(status(late.certificate(), serial)).isEqualTo("revoked");
    }

    @Test
    void aCaServedAtStartIsLoadingUntilTheFirstRoundHasLoadedIt() {
        CaIndex cas = responder.context.getBean(CaIndex.class);
        StatusIndex cold = new StatusIndex(responder.ca.jdbc, cas::all, new ResponseCache(10, Clock.systemUTC()),
                Duration.ofSeconds(30), Clock.systemUTC());
        BigInteger serial = issue();

        assertThat(cold.lookup(responder.ca.issuing.id(), serial).verdict()).as("no guess, and no database stampede")
                .isEqualTo(StatusIndex.Verdict.LOADING);

        cold.catchUp();

        assertThat(cold.lookup(responder.ca.issuing.id(), serial).verdict()).isEqualTo(StatusIndex.Verdict.KNOWN);
    }

    private void awaitResponderCertificate(int caId) {
        DelegatedSigners signers = responder.context.getBean(DelegatedSigners.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (signers.forCa(caId).isEmpty() && System.nanoTime() < deadline) {
            responder.caSide.issuePending("ocsp-test");
            RunningResponder.sleep(100);
        }
        assertThat(signers.forCa(caId)).as("a responder certificate for the new CA").isPresent();
    }

    private BigInteger issue() {
        return responder.issue(TestCa.individual(), "individual").serial();
    }

    /** A nonce-free request (the cacheable kind): good, revoked, unknown, or tryLater. */
    private String status(X509Certificate issuerCertificate, BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(issuerCertificate));
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        OCSPResp ocsp = new OCSPResp(response.body());
        if (ocsp.getStatus() == OCSPResp.TRY_LATER) {
            return "tryLater";
        }
        assertThat(ocsp.getStatus()).as("OCSP response status").isEqualTo(OCSPResp.SUCCESSFUL);
        CertificateStatus status = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
        return switch (status) {
            case null -> "good";
            case RevokedStatus revoked -> "revoked";
            case UnknownStatus unknown -> "unknown";
            default -> throw new IllegalStateException("Unexpected status " + status);
        };
    }
}
