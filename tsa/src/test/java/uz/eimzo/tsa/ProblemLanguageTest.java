package uz.eimzo.tsa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.tsa.verification.SignedFixtures;
import uz.eimzo.tsa.verification.VerificationHttp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problems the verification and time-stamp endpoints answer with are in the relying party's language:
 * Accept-Language uz (the default, also for a language we do not speak), ru or en.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemLanguageTest {

    static final byte[] NOT_BASE64 = "{\"cms\":\"%%%\"}".getBytes(StandardCharsets.UTF_8);

    MutableClock clock = new MutableClock();
    TestCa ca;
    RunningTsa tsa;
    VerificationHttp http;
    SignedFixtures.Holder holder;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        ca = TestCa.create(db.dataSource(), directory);
        tsa = RunningTsa.start(db, ca, directory, "tsa-languages", KeyAlgorithm.EC_P256, clock);
        tsa.clockChecked();
        http = new VerificationHttp(tsa.port);
        KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), keys.getPublic(), "registrar", RegistrationIds.NONE));
        holder = new SignedFixtures.Holder(keys, issued.certificate(), ca.services.issuer().chainOf(issued));
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    @Test
    void withoutAcceptLanguageTheProblemIsInUzbek() throws Exception {
        VerificationHttp.Answer answer = http.post("/verify", "application/json", NOT_BASE64);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("title").asString()).isEqualTo("Imzolangan hujjat o‘qib bo‘lmadi");
        assertThat(answer.json().get("detail").asString()).isEqualTo("cms base64 emas");
    }

    @Test
    void russianAndEnglishAreAnsweredInTheirLanguage() throws Exception {
        VerificationHttp.Answer russian = http.post("/verify", "application/json", NOT_BASE64, "ru-RU,ru;q=0.9");
        VerificationHttp.Answer english = http.post("/verify", "application/json", NOT_BASE64, "en");

        assertThat(russian.json().get("title").asString()).isEqualTo("Подписанный документ не удалось прочитать");
        assertThat(russian.json().get("detail").asString()).isEqualTo("cms не в кодировке base64");
        assertThat(english.json().get("title").asString()).isEqualTo("Not a readable signed document");
        assertThat(english.json().get("detail").asString()).isEqualTo("cms is not base64");
    }

    @Test
    void aLanguageWeDoNotSpeakGetsUzbek() throws Exception {
        VerificationHttp.Answer answer = http.post("/verify", "application/json", NOT_BASE64, "de-DE");

        assertThat(answer.json().get("detail").asString()).isEqualTo("cms base64 emas");
    }

    @Test
    void aDocumentProblemNamesItsLimitInTheUsersLanguage() throws Exception {
        VerificationHttp.Answer detached = http.post("/verify", "application/json", ("{\"cms\":\""
                + Base64.getEncoder().encodeToString(SignedFixtures.sign(holder, "hujjat".getBytes(StandardCharsets.UTF_8), false))
                + "\"}").getBytes(StandardCharsets.UTF_8), "ru");

        assertThat(detached.status()).isEqualTo(400);
        assertThat(detached.json().get("detail").asString())
                .isEqualTo("отсоединённой подписи нужно содержимое или его хеш");
    }

    @Test
    void theEimzoPathsCarryTheTranslatedMessageToo() throws Exception {
        VerificationHttp.Answer answer = http.post("/backend/pkcs7/verify/attached", "text/plain",
                "bm90IGEgcGtjczc=".getBytes(StandardCharsets.US_ASCII), "ru");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asString()).isEqualTo("это не корректный PKCS#7 SignedData");
    }

    @Test
    void theVerdictIsExplainedInTheUsersLanguageOnBothApis() throws Exception {
        byte[] signed = SignedFixtures.sign(holder, "hujjat".getBytes(StandardCharsets.UTF_8), true);
        String cms = Base64.getEncoder().encodeToString(signed);

        VerificationHttp.Answer uzbek = http.post("/verify", "application/json",
                ("{\"cms\":\"" + cms + "\"}").getBytes(StandardCharsets.UTF_8));
        VerificationHttp.Answer russian = http.post("/backend/pkcs7/verify/attached", "text/plain",
                cms.getBytes(StandardCharsets.US_ASCII), "ru");

        assertThat(uzbek.json().get("verdict").asString()).isEqualTo("VALID");
        assertThat(uzbek.json().get("verdictText").asString()).startsWith("imzo tasdiqlandi");
        assertThat(uzbek.json().get("signers").get(0).get("verdictText").asString()).startsWith("imzo tasdiqlandi");
        assertThat(russian.json().get("pkcs7Info").get("signers").get(0).get("verdictText").asString())
                .startsWith("подпись верна");
    }

    @Test
    void aTimeStampRefusedForTheClockIsExplainedInTheUsersLanguage() throws Exception {
        byte[] signed = SignedFixtures.sign(holder, "hujjat".getBytes(StandardCharsets.UTF_8), true);
        try {
            clock.drift(Duration.ofSeconds(3));
            tsa.clockChecked().check();
            VerificationHttp.Answer uzbek = http.post("/timestamp/cms", "application/json",
                    ("{\"cms\":\"" + Base64.getEncoder().encodeToString(signed) + "\"}").getBytes(StandardCharsets.UTF_8));

            assertThat(uzbek.status()).isEqualTo(503);
            assertThat(uzbek.json().get("title").asString()).isEqualTo("Vaqt tamg‘asi xizmati hozir tamg‘a bera olmaydi");
            assertThat(uzbek.json().get("detail").asString())
                    .isEqualTo("xizmat soati ishonchli manbaga nisbatan tekshirilmagan; keyinroq qayta urining");
        } finally {
            clock.drift(Duration.ZERO);
            tsa.clockChecked().check();
        }
    }
}
