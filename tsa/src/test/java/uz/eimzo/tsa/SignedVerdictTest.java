package uz.eimzo.tsa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.tsa.signing.TsaSigners;
import uz.eimzo.tsa.verification.SignedFixtures;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relying party that must later prove what the verification service said asks for the verdict signed
 * ({@code Accept: application/pkcs7-mime}): a CMS SignedData over the JSON answer, signed with the TSA's certified
 * key, which openssl verifies against the CA chain.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedVerdictTest {

    static final byte[] INVOICE = "Hisob-faktura No 41: 250 000 so'm".getBytes(StandardCharsets.UTF_8);

    TestCa ca;
    RunningTsa tsa;
    Path directory;
    Path chain;
    byte[] signedInvoice;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        this.directory = directory;
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-signed-verdicts", KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa.clockChecked();
        chain = directory.resolve("chain.pem");
        Files.writeString(chain, Certificates.pem(ca.issuing.certificate()) + Certificates.pem(ca.root.certificate()));
        KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), keys.getPublic(), "registrar", RegistrationIds.NONE));
        signedInvoice = SignedFixtures.sign(new SignedFixtures.Holder(keys, issued.certificate(),
                ca.services.issuer().chainOf(issued)), INVOICE, true);
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    HttpResponse<byte[]> verify(String accept) throws Exception {
        byte[] body = ("{\"cms\":\"" + Base64.getEncoder().encodeToString(signedInvoice) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tsa.port + "/verify"))
                    .header("Content-Type", "application/json").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void opensslVerifiesTheSignedVerdictAgainstTheCaChainAsSignedByTheTimeStampingKey() throws Exception {
        HttpResponse<byte[]> answer = verify("application/pkcs7-mime");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/pkcs7-mime");
        Path signed = directory.resolve("verdict.p7m");
        Path content = directory.resolve("verdict.json");
        Path signer = directory.resolve("verdict-signer.pem");
        Files.write(signed, answer.body());

        String output = TsaInteroperabilityTest.run("openssl", "cms", "-verify", "-inform", "DER", "-in", signed.toString(),
                "-CAfile", chain.toString(), "-purpose", "timestampsign", "-out", content.toString(),
                "-signer", signer.toString());

        assertThat(output).contains("Verification successful");
        JsonNode verdict = new ObjectMapper().readTree(Files.readAllBytes(content));
        assertThat(verdict.get("verdict").asString()).isEqualTo("VALID");
        assertThat(verdict.get("signers").get(0).get("pinfl").asString()).isEqualTo(TestCa.individual().pinfl().value());
        assertThat(Files.readString(signer)).isEqualTo(Certificates.pem(
                tsa.context.getBean(TsaSigners.class).current().orElseThrow().certificate()));
    }

    @Test
    void aSignedVerdictWithOneByteChangedDoesNotVerify() throws Exception {
        byte[] tampered = verify("application/pkcs7-mime").body();
        int at = new String(tampered, StandardCharsets.ISO_8859_1).indexOf("\"VALID\"");
        tampered[at + 1] = 'X';
        Path signed = directory.resolve("tampered.p7m");
        Files.write(signed, tampered);

        String output = TsaInteroperabilityTest.run("openssl", "cms", "-verify", "-inform", "DER", "-in", signed.toString(),
                "-CAfile", chain.toString(), "-purpose", "timestampsign", "-out", directory.resolve("t.json").toString());

        assertThat(output).doesNotContain("Verification successful").contains("failure");
    }

    @Test
    void inputThatIsNotADocumentIsStillA400ProblemWhenTheVerdictWasAskedSigned() throws Exception {
        byte[] body = "{\"cms\":\"%%%\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> answer;
        try (HttpClient client = HttpClient.newHttpClient()) {
            answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tsa.port + "/verify"))
                    .header("Content-Type", "application/json").header("Accept", "application/pkcs7-mime")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void withoutTheAcceptHeaderTheVerdictIsPlainJson() throws Exception {
        HttpResponse<byte[]> answer = verify("application/json");

        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(answer.body()).get("verdict").asString()).isEqualTo("VALID");
    }
}
