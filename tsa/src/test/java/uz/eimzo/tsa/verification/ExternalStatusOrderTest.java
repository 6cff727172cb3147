package uz.eimzo.tsa.verification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.tsa.RunningTsa;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setting {@code eimzo.tsa.verification.external-status} picks the sources of an external certificate's status: a
 * service set to {@code crl-only} never asks the responder; one set to {@code ocsp-only} (here also without nonces)
 * never reads the CRL. The responder is the real {@code openssl ocsp}.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalStatusOrderTest {

    static final byte[] LETTER = "Hisobot 2026".getBytes(StandardCharsets.UTF_8);

    Path directory;
    TestCa ca;
    RunningTsa crlOnly;
    RunningTsa ocspOnly;
    CrlServer crlServer;
    ExternalCa external;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        this.directory = directory;
        crlServer = CrlServer.start();
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        crlOnly = RunningTsa.start(db, ca, directory, "tsa-crl-only", KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.verification.external-status=crl-only");
        ocspOnly = RunningTsa.start(db, ca, directory, "tsa-ocsp-only", KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.verification.external-status=ocsp-only", "--eimzo.tsa.verification.ocsp-nonce=false");
        crlOnly.clockChecked();
        ocspOnly.clockChecked();
        external = new ExternalCa("CN=Fourth Centre Root CA,O=Fourth Centre,C=UZ", KeyAlgorithm.EC_P256);
        ca.services.authorities().recognise("fourth-centre-root", external.certificate, "ceremony");
    }

    @AfterAll
    void stop() {
        crlOnly.close();
        ocspOnly.close();
        crlServer.close();
    }

    @Test
    void crlOnlyReadsTheCrlAndNeverAsksTheResponder() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("crl-only"))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), crlUrl("/crl-only.crl"));
            crlServer.publish("/crl-only.crl", external.crl(Instant.now()));
            openssl.start(external.certificate, external.certificate, external.keys.getPrivate(), List.of(
                    new OpensslOcspResponder.Entry(holder.certificate(), Instant.now().minus(Duration.ofMinutes(30)))));

            JsonNode status = verified(crlOnly, holder).get("status");

            assertThat(status.get("source").asString()).isEqualTo("CRL");
            assertThat(status.get("now").asString()).isEqualTo("GOOD");
            assertThat(status.get("notChecked")).isEmpty();
        }
    }

    @Test
    void ocspOnlyLeavesTheStatusNotCheckedWhenTheResponderIsDownEvenWithACrl() throws Exception {
        String dead = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";
        SignedFixtures.Holder holder = external.holder(dead, crlUrl("/ocsp-only.crl"));
        crlServer.publish("/ocsp-only.crl", external.crl(Instant.now()));

        JsonNode signer = verified(ocspOnly, holder);

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
        assertThat(signer.get("status").get("notChecked")).hasSize(1);
        assertThat(signer.get("status").get("notChecked").get(0).get("source").asString()).isEqualTo("OCSP");
    }

    @Test
    void withoutNoncesTheResponderIsAskedPlainlyAndTheAnswerSaysSo() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("no-nonce"))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), null);
            openssl.start(external.certificate, external.certificate, external.keys.getPrivate(),
                    List.of(new OpensslOcspResponder.Entry(holder.certificate(), null)));

            JsonNode status = verified(ocspOnly, holder).get("status");

            assertThat(status.get("source").asString()).isEqualTo("OCSP");
            assertThat(status.get("nonce").asString()).isEqualTo("NOT_SENT");
        }
    }

    private String crlUrl(String path) {
        return crlServer.url(path);
    }

    private static JsonNode verified(RunningTsa tsa, SignedFixtures.Holder holder) throws Exception {
        VerificationHttp http = new VerificationHttp(tsa.port);
        VerificationHttp.Answer answer = http.verify(http.stamp(SignedFixtures.sign(holder, LETTER, true)));
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
        return answer.json().get("signers").get(0);
    }
}
