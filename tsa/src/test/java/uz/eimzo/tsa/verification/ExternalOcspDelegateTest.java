package uz.eimzo.tsa.verification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.tsa.RunningTsa;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external CA's answer signed by a responder it delegated (RFC 6960 4.2.2.2): with id-pkix-ocsp-nocheck the
 * responder is trusted for its certificate's lifetime; without it, the responder's own certificate is looked up in the
 * CA's CRL: revoked, its answers are not believed; good, or with no CRL to read, they are, and the report says which.
 * The answers come from the real {@code openssl ocsp} signing with the delegated key.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalOcspDelegateTest {

    static final byte[] LETTER = "Yetkazib berish shartnomasi No 3".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    final SecureRandom random = new SecureRandom();
    Path directory;
    TestCa ca;
    RunningTsa tsa;
    VerificationHttp http;
    CrlServer crlServer;
    ExternalCa external;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        this.directory = directory;
        crlServer = CrlServer.start();
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-ocsp-delegate", KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.verification.ocsp-connect-timeout=PT1S", "--eimzo.tsa.verification.ocsp-read-timeout=PT2S");
        tsa.clockChecked();
        http = new VerificationHttp(tsa.port);
        external = new ExternalCa("CN=Samarqand Markazi Root CA,O=Samarqand Markazi,C=UZ", KeyAlgorithm.EC_P256);
        ca.services.authorities().recognise("samarkand-centre-root", external.certificate, "ceremony");
    }

    @AfterAll
    void stop() {
        tsa.close();
        crlServer.close();
    }

    @Test
    void aDelegateWithoutNocheckThatItsCaRevokedIsNotBelieved() throws Exception {
        JsonNode signer = answeredByADelegate("revoked-delegate", false, "/revoked-delegate.crl", true);

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
        JsonNode status = signer.get("status");
        assertThat(status.get("source").asString()).isEqualTo("NOT_CHECKED");
        assertThat(status.get("notChecked").get(0).get("source").asString()).isEqualTo("OCSP");
        assertThat(status.get("notChecked").get(0).get("reason").asString()).isEqualTo("RESPONDER_REVOKED");
        assertThat(status.get("notChecked").get(0).get("text").asString())
                .isEqualTo("not checked: the certificate of the OCSP responder that signed the answer is revoked");
    }

    @Test
    void aDelegateWithoutNocheckThatItsCasCrlDoesNotListIsBelievedAndSaidSo() throws Exception {
        JsonNode signer = answeredByADelegate("good-delegate", false, "/good-delegate.crl", false);

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
        assertThat(signer.get("status").get("source").asString()).isEqualTo("OCSP");
        assertThat(signer.get("status").get("responder").asString()).isEqualTo("DELEGATE_GOOD");
    }

    @Test
    void aDelegateWithoutNocheckAndWithoutACrlToReadIsBelievedAndReportedUnchecked() throws Exception {
        JsonNode signer = answeredByADelegate("unchecked-delegate", false, null, false);

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
        assertThat(signer.get("status").get("responder").asString()).isEqualTo("DELEGATE_NOT_CHECKED");
    }

    @Test
    void aDelegateWithNocheckIsTrustedWithoutLookingItUp() throws Exception {
        // Its CRL lists it: with id-pkix-ocsp-nocheck the client does not look (RFC 6960 4.2.2.2.1).
        JsonNode signer = answeredByADelegate("nocheck-delegate", true, "/nocheck-delegate.crl", true);

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
        assertThat(signer.get("status").get("responder").asString()).isEqualTo("DELEGATE_NOCHECK");
    }

    @Test
    void anAnswerTheCaSignedItselfSaysSo() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("issuer-signed"))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), null);
            openssl.start(external.certificate, external.certificate, external.keys.getPrivate(),
                    List.of(new OpensslOcspResponder.Entry(holder.certificate(), null)));

            assertThat(verified(holder).get("status").get("responder").asString()).isEqualTo("ISSUER");
        }
    }

    /**
     * A holder of the external CA verified while openssl answers "good" for it, signing with a delegated responder
     * certificate ({@code noCheck}: with id-pkix-ocsp-nocheck) whose CRL at {@code crlPath} (none when null) lists
     * that responder as revoked half an hour ago when {@code delegateRevoked}.
     */
    private JsonNode answeredByADelegate(String name, boolean noCheck, String crlPath, boolean delegateRevoked)
            throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve(name))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), null);
            KeyPair responderKeys = KeyAlgorithm.EC_P256.generate(random);
            X509Certificate responder = external.responder(responderKeys, noCheck,
                    crlPath == null ? null : crlServer.url(crlPath));
            if (crlPath != null) {
                crlServer.publish(crlPath, delegateRevoked
                        ? external.crl(Instant.now().minus(Duration.ofMinutes(30)), responder)
                        : external.crl(Instant.now()));
            }
            openssl.start(external.certificate, responder, responderKeys.getPrivate(),
                    List.of(new OpensslOcspResponder.Entry(holder.certificate(), null)));
            return verified(holder);
        }
    }

    /** The holder signs, our TSA stamps, the service verifies, in English. */
    private JsonNode verified(SignedFixtures.Holder holder) throws Exception {
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, LETTER, true));
        VerificationHttp.Answer answer = http.post("/verify", "application/json",
                JSON.writeValueAsBytes(Map.of("cms", Base64.getEncoder().encodeToString(stamped))), "en");
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
        return answer.json().get("signers").get(0);
    }
}
