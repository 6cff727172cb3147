package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.signing.ResponderSigner;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Delegated responder certificates are short-lived and replaced before they expire, without a restart. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponderCertificateRolloverTest {

    RunningResponder responder;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        // 15 s certificates renewed when a third remains: the rollover happens about 10 s in.
        responder = RunningResponder.start(db, directory, Duration.ofSeconds(15));
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void responderCertificateCarriesOcspSigningNoCheckAndAShortValidity() throws Exception {
        X509Certificate certificate = signer().certificate();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.9");
        assertThat(certificate.getExtensionValue("1.3.6.1.5.5.7.48.1.5")).as("id-pkix-ocsp-nocheck").isNotNull();
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(responder.ca.issuing.certificate().getSubjectX500Principal());
        certificate.verify(responder.ca.issuing.certificate().getPublicKey());
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void responderRollsOverToANewKeyAndCertificateBeforeTheOldOneExpires() throws Exception {
        ResponderSigner first = signer();
        ResponderSigner next = first;
        Instant switchedAt = null;
        for (Instant deadline = Instant.now().plusSeconds(30); Instant.now().isBefore(deadline); Thread.sleep(100)) {
            responder.caSide.issuePending("ca-scheduler");
            next = signer();
            if (!next.alias().equals(first.alias())) {
                switchedAt = Instant.now();
                break;
            }
        }
        assertThat(switchedAt).as("rollover happened").isNotNull();
        assertThat(switchedAt).isBefore(first.notAfter());
        assertThat(next.certificate().getPublicKey()).isNotEqualTo(first.certificate().getPublicKey());

        Path issuer = responder.pem("roll-issuing.pem", responder.ca.issuing.certificate());
        Path chain = responder.pem("roll-chain.pem", responder.ca.issuing.certificate(), responder.ca.root.certificate());
        Path leaf = responder.pem("roll-leaf.pem", responder.issue(TestCa.individual(), "individual").certificate());
        String output = RunningResponder.run(List.of("openssl", "ocsp", "-url", responder.url(), "-CAfile", chain.toString(),
                "-issuer", issuer.toString(), "-cert", leaf.toString(), "-resp_text")).output();
        assertThat(output).contains("Response verify OK").contains(leaf + ": good")
                .contains("Responder Id: " + java.util.HexFormat.of().withUpperCase().formatHex(next.keyHash()));
    }

    private ResponderSigner signer() {
        return responder.context.getBean(DelegatedSigners.class).forCa(responder.ca.issuing.id()).orElseThrow();
    }
}
