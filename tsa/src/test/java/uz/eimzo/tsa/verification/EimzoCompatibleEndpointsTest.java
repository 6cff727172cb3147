package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.tsa.RunningTsa;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An integration written for E-IMZO-SERVER's documented API (base64 bodies, {@code data|pkcs7} for detached, the
 * {@code pkcs7Info}/{@code pkcs7b64} JSON) pointed at this product: a GOST-UZ signature from the agent is stamped
 * through {@code /frontend/timestamp/pkcs7}, then verified through {@code /backend/pkcs7/verify/attached} and
 * {@code /detached}.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EimzoCompatibleEndpointsTest {

    static final byte[] REPORT = "Soliq hisoboti 2026-Q4".getBytes(StandardCharsets.UTF_8);

    TestCa ca;
    RunningTsa tsa;
    VerificationHttp http;
    SignedFixtures.Holder holder;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        UzDst.install();
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.GOST_UZ, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-eimzo", KeyAlgorithm.GOST_UZ, Clock.systemUTC());
        tsa.clockChecked();
        http = new VerificationHttp(tsa.port);
        KeyPair keys = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "legal-entity",
                TestCa.director(), keys.getPublic(), "registrar", RegistrationIds.NONE));
        holder = new SignedFixtures.Holder(keys, issued.certificate(), ca.services.issuer().chainOf(issued));
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    private VerificationHttp.Answer post(String path, String body) throws Exception {
        // curl -d sends this content type; the body is read as it is, not as a form.
        return http.post(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void timestampPkcs7AttachesATokenOnceAndListsTheSignersItStamped() throws Exception {
        byte[] signed = SignedFixtures.sign(holder, REPORT, true);

        VerificationHttp.Answer answer = post("/frontend/timestamp/pkcs7", base64(signed));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(1);
        assertThat(answer.json().get("message").asString()).isEmpty();
        JsonNode stampedSigner = answer.json().get("timestampedSignerList").get(0);
        assertThat(stampedSigner.get("serialNumber").asString()).isEqualTo(holder.certificate().getSerialNumber().toString(16));
        assertThat(stampedSigner.get("subjectName").get(DnAttribute.ORGANISATION_STIR).asString()).isEqualTo("301234567");
        byte[] stamped = Base64.getDecoder().decode(answer.json().get("pkcs7b64").asString());
        SignerInformation signer = new CMSSignedData(stamped).getSignerInfos().getSigners().iterator().next();
        assertThat(signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)).isNotNull();

        VerificationHttp.Answer again = post("/frontend/timestamp/pkcs7", base64(stamped));
        assertThat(again.json().get("timestampedSignerList").size()).isZero();
    }

    @Test
    void verifyAttachedAnswersInPkcs7InfoWithTheSignerTheTokenAndTheDocument() throws Exception {
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, REPORT, true));

        VerificationHttp.Answer answer = post("/backend/pkcs7/verify/attached", base64(stamped));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(1);
        JsonNode info = answer.json().get("pkcs7Info");
        assertThat(Base64.getDecoder().decode(info.get("documentBase64").asString())).isEqualTo(REPORT);
        JsonNode signer = info.get("signers").get(0);
        assertThat(signer.get("verified").asBoolean()).isTrue();
        assertThat(signer.get("certificateVerified").asBoolean()).isTrue();
        assertThat(signer.get("certificateValidAtSigningTime").asBoolean()).isTrue();
        assertThat(signer.get("signerId").get("subjectSerialNumber").asString())
                .isEqualTo(holder.certificate().getSerialNumber().toString(16));
        assertThat(signer.get("signingTime").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        JsonNode certificate = signer.get("certificate").get(0);
        assertThat(certificate.get("subjectInfo").get(DnAttribute.PINFL).asString())
                .isEqualTo(TestCa.director().pinfl().value());
        assertThat(certificate.get("subjectInfo").get(DnAttribute.ORGANISATION_STIR).asString()).isEqualTo("301234567");
        assertThat(certificate.get("publicKey").get("keyAlgName").asString()).isEqualTo("OZDST-1092-2009-2");
        assertThat(certificate.get("signature").get("signAlgName").asString())
                .isEqualTo("OZDST-1106-2009-2-AwithOZDST-1092-2009-2");
        assertThat(signer.get("certificate").size()).isEqualTo(3);
        assertThat(signer.get("trustedCertificate").get("subjectInfo").get("CN").asString()).isEqualTo("E-IMZO Test Root CA");
        assertThat(signer.get("policyIdentifiers").size()).isPositive();
        JsonNode token = signer.get("timeStampInfo");
        assertThat(token.get("verified").asBoolean()).isTrue();
        assertThat(token.get("digestVerified").asBoolean()).isTrue();
        assertThat(token.get("certificateVerified").asBoolean()).isTrue();
        assertThat(token.get("messageImprintAlgOID").asString()).isEqualTo(UzDst.DIGEST_OID);
        assertThat(token.get("tsaPolicy").asString()).isNotBlank();
    }

    @Test
    void verifyDetachedTakesTheContentThenABarThenThePkcs7() throws Exception {
        byte[] detached = SignedFixtures.sign(holder, REPORT, false);

        VerificationHttp.Answer good = post("/backend/pkcs7/verify/detached", base64(REPORT) + "|" + base64(detached));
        VerificationHttp.Answer other = post("/backend/pkcs7/verify/detached",
                base64("boshqa".getBytes(StandardCharsets.UTF_8)) + "|" + base64(detached));

        assertThat(good.json().get("pkcs7Info").get("signers").get(0).get("verified").asBoolean()).isTrue();
        assertThat(good.json().get("pkcs7Info").has("documentBase64")).isFalse();
        JsonNode wrong = other.json().get("pkcs7Info").get("signers").get(0);
        assertThat(wrong.get("verified").asBoolean()).isFalse();
        assertThat(wrong.get("exception").asString()).contains("content");
    }

    @Test
    void aBodyThatIsNotAPkcs7IsA400WithAMessage() throws Exception {
        VerificationHttp.Answer answer = post("/backend/pkcs7/verify/attached", "bm90IGEgcGtjczc=");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asString()).contains("PKCS#7");
        assertThat(post("/backend/pkcs7/verify/detached", base64(REPORT)).status()).isEqualTo(400);
    }
}
