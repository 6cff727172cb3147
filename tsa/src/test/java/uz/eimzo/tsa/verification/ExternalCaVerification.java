package uz.eimzo.tsa.verification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running TSA whose verification service recognises one external CA made in the test (P-256), with a CRL server
 * for that CA's lists; for the tests of how external certificates' statuses are checked. OCSP waits are short (1 s to
 * connect, 2 s to read) so a dead or slow responder costs the tests little.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExternalCaVerification {

    static final byte[] LETTER = "Shartnoma No 12".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    final SecureRandom random = new SecureRandom();
    private final String tsaName;
    private final String externalName;
    private final String externalSubject;
    Path directory;
    TestCa ca;
    RunningTsa tsa;
    VerificationHttp http;
    CrlServer crlServer;
    ExternalCa external;

    /**
     * @param tsaName         the TSA instance's name (its key store in the test's directory)
     * @param externalName    the name the external CA is recognised under
     * @param externalSubject its root's subject
     */
    ExternalCaVerification(String tsaName, String externalName, String externalSubject) {
        this.tsaName = tsaName;
        this.externalName = externalName;
        this.externalSubject = externalSubject;
    }

    @BeforeAll
    void startTheTsaAndTheExternalCa(TestDatabase db, @TempDir Path directory) throws Exception {
        this.directory = directory;
        crlServer = CrlServer.start();
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, tsaName, KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.verification.ocsp-connect-timeout=PT1S", "--eimzo.tsa.verification.ocsp-read-timeout=PT2S");
        tsa.clockChecked();
        http = new VerificationHttp(tsa.port);
        external = new ExternalCa(externalSubject, KeyAlgorithm.EC_P256);
        ca.services.authorities().recognise(externalName, external.certificate, "ceremony");
    }

    @AfterAll
    void stopTheTsa() {
        tsa.close();
        crlServer.close();
    }

    /** The holder signs {@link #LETTER}, our TSA stamps it, the service verifies it; answers in {@code language}. */
    JsonNode verified(SignedFixtures.Holder holder, String language) throws Exception {
        return verifiedDocument(http.stamp(SignedFixtures.sign(holder, LETTER, true)), language);
    }

    /** The first signer of {@code cms} as the service verifies it, answering in {@code language}. */
    JsonNode verifiedDocument(byte[] cms, String language) throws Exception {
        VerificationHttp.Answer answer = http.post("/verify", "application/json",
                JSON.writeValueAsBytes(Map.of("cms", Base64.getEncoder().encodeToString(cms))), language);
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
        return answer.json().get("signers").get(0);
    }
}
