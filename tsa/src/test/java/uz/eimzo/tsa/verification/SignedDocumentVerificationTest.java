package uz.eimzo.tsa.verification;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.tsa.RunningTsa;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relying party posts signed documents to the running TSA application over HTTP and reads the verdicts. Our GOST-UZ
 * hierarchy was created three years ago (so a holder certified then has expired); today's holders are certified by
 * the same CAs through the ordinary issuance path; time-stamp tokens come from the application's own TSA.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedDocumentVerificationTest {

    static final byte[] CONTRACT = "Shartnoma No 17: 1 000 000 so'm".getBytes(StandardCharsets.UTF_8);

    TestCa ca;
    CaServices today;
    RunningTsa tsa;
    VerificationHttp http;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        UzDst.install();
        Clock threeYearsAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(3 * 365)), ZoneOffset.UTC);
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.GOST_UZ, threeYearsAgo);
        // The GOST-UZ CA certifies ECDSA and RSA holders too only because this catalog says so explicitly (by default a
        // GOST-UZ CA certifies GOST-UZ keys only): the verifier must still handle such signers of our CAs.
        today = CaServices.create(db.dataSource(), new CaSigner(List.of(ca.storage)), TestCa.profiles()
                        .withNonGostKeysUnderGostCa(Map.of("individual", Set.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048))),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
        tsa = RunningTsa.start(db, today, directory, "tsa-verify", KeyAlgorithm.GOST_UZ, Clock.systemUTC(),
                Duration.ofDays(30));
        tsa.clockChecked();
        http = new VerificationHttp(tsa.port);
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    SignedFixtures.Holder holder(CaServices services, KeyAlgorithm algorithm) {
        KeyPair keys = algorithm.generate(new SecureRandom());
        IssuedCertificate issued = services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), keys.getPublic(), "registrar", RegistrationIds.NONE));
        return new SignedFixtures.Holder(keys, issued.certificate(), services.issuer().chainOf(issued));
    }

    JsonNode signer(VerificationHttp.Answer answer) {
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
        return answer.json().get("signers").get(0);
    }

    @Test
    void aGostSignatureWithATimeStampTokenVerifiesWithTheSignersPinflAndTheTokensTime() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, CONTRACT, true));

        VerificationHttp.Answer answer = http.verify(stamped);

        JsonNode signer = signer(answer);
        assertThat(answer.json().get("verdict").asString()).as("%s", answer.json()).isEqualTo("VALID");
        assertThat(answer.json().get("valid").asBoolean()).isTrue();
        assertThat(signer.get("signatureValid").asBoolean()).isTrue();
        assertThat(signer.get("digestAlgorithm").asString()).isEqualTo(UzDst.DIGEST_OID);
        assertThat(signer.get("pinfl").asString()).isEqualTo(TestCa.individual().pinfl().value());
        assertThat(signer.get("signingTimeSource").asString()).isEqualTo("TIME_STAMP_TOKEN");
        assertThat(signer.get("timeStamp").get("verified").asBoolean()).isTrue();
        assertThat(signer.get("timeStamp").get("imprintAlgorithm").asString()).isEqualTo(UzDst.DIGEST_OID);
        assertThat(signer.get("timeStamp").get("tsaChain").get("anchor").asString()).isEqualTo(TestCa.ROOT);
        assertThat(signer.get("chain").get("anchor").asString()).isEqualTo(TestCa.ROOT);
        assertThat(signer.get("chain").get("anchorKind").asString()).isEqualTo("OURS");
        assertThat(signer.get("status").get("atSigningTime").asString()).isEqualTo("GOOD");
        assertThat(signer.get("status").get("now").asString()).isEqualTo("GOOD");
        assertThat(signer.get("policies").size()).isPositive();
    }

    @Test
    void aGostSignerInfoNamingTheKeyOidInsteadOfTheSignatureOidVerifiesToo() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] cms = SignedFixtures.signNamingTheKeyOid(holder, CONTRACT);

        JsonNode signer = signer(http.verify(http.stamp(cms)));

        assertThat(signer.get("signatureAlgorithm").asString()).isEqualTo(UzDst.KEY_OID);
        assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
    }

    @Test
    void revokedAfterTheTimeStampedSigningTimeIsStillValidAtSigningTime() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, CONTRACT, true));
        // Revocation times are kept to the second, as CRLs and OCSP state them: revoke in a later second.
        Thread.sleep(1100);
        today.revocations().revoke(TestCa.ISSUING, holder.certificate().getSerialNumber(),
                RevocationReason.KEY_COMPROMISE, null, "supervisor");

        JsonNode signer = signer(http.verify(stamped));

        assertThat(signer.get("verdict").asString()).isEqualTo("REVOKED_AFTER_SIGNING");
        assertThat(signer.get("status").get("atSigningTime").asString()).isEqualTo("GOOD");
        assertThat(signer.get("status").get("now").asString()).isEqualTo("REVOKED");
        assertThat(signer.get("status").get("revocationReason").asInt()).isEqualTo(1);
    }

    @Test
    void revokedBeforeTheTimeStampedSigningTimeIsRevokedBeforeSigning() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        today.revocations().revoke(TestCa.ISSUING, holder.certificate().getSerialNumber(),
                RevocationReason.CESSATION_OF_OPERATION, null, "supervisor");
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, CONTRACT, true));

        JsonNode signer = signer(http.verify(stamped));

        assertThat(signer.get("verdict").asString()).isEqualTo("REVOKED_BEFORE_SIGNING");
        assertThat(signer.get("status").get("atSigningTime").asString()).isEqualTo("REVOKED");
    }

    @Test
    void aRevokedCertificateWithoutATokenCannotProveTheSignatureIsOlder() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] unstamped = SignedFixtures.sign(holder, CONTRACT, true);
        today.revocations().revoke(TestCa.ISSUING, holder.certificate().getSerialNumber(),
                RevocationReason.KEY_COMPROMISE, null, "supervisor");

        assertThat(signer(http.verify(unstamped)).get("verdict").asString()).isEqualTo("REVOKED_SIGNING_TIME_UNPROVEN");
    }

    @Test
    void aFlippedBitInTheSignatureIsAnInvalidSignature() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] flipped = SignedFixtures.flipSignatureBit(SignedFixtures.sign(holder, CONTRACT, true));

        VerificationHttp.Answer answer = http.verify(flipped);

        assertThat(signer(answer).get("verdict").asString()).isEqualTo("SIGNATURE_INVALID");
        assertThat(signer(answer).get("signatureValid").asBoolean()).isFalse();
        assertThat(answer.json().get("valid").asBoolean()).isFalse();
    }

    @Test
    void aDetachedSignatureOverOtherContentIsAContentMismatch() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] detached = SignedFixtures.sign(holder, CONTRACT, false);
        String other = java.util.Base64.getEncoder().encodeToString("Shartnoma No 18".getBytes(StandardCharsets.UTF_8));

        assertThat(signer(http.verify(detached, "content", other)).get("verdict").asString()).isEqualTo("CONTENT_MISMATCH");
        assertThat(signer(http.verify(detached, "content", java.util.Base64.getEncoder().encodeToString(CONTRACT)))
                .get("verdict").asString()).isEqualTo("VALID");
    }

    @Test
    void aDetachedSignatureVerifiesAgainstTheContentsHashAlone() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] detached = SignedFixtures.sign(holder, CONTRACT, false);
        byte[] hash = SignedFixtures.digestOf(holder).newDigest().digest(CONTRACT);
        byte[] otherHash = SignedFixtures.digestOf(holder).newDigest().digest(new byte[]{1});

        assertThat(signer(http.verify(detached, "contentHash", HexFormat.of().formatHex(hash), "hashAlgorithm", "UZDST1106"))
                .get("verdict").asString()).isEqualTo("VALID");
        assertThat(signer(http.verify(detached, "contentHash", HexFormat.of().formatHex(otherHash), "hashAlgorithm",
                UzDst.DIGEST_OID)).get("verdict").asString()).isEqualTo("CONTENT_MISMATCH");
    }

    @Test
    void aTokenTakenFromAnotherSignatureProvesNothing() throws Exception {
        SignedFixtures.Holder holder = holder(today, KeyAlgorithm.GOST_UZ);
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, CONTRACT, true));
        byte[] other = "Shartnoma No 18".getBytes(StandardCharsets.UTF_8);
        byte[] grafted = SignedFixtures.withUnsignedAttributesOf(SignedFixtures.sign(holder, other, true), stamped);

        JsonNode signer = signer(http.verify(grafted));

        assertThat(signer.get("verdict").asString()).isEqualTo("TIME_STAMP_INVALID");
        assertThat(signer.get("signatureValid").asBoolean()).isTrue();
        assertThat(signer.get("timeStamp").get("problemCode").asString()).isEqualTo("OTHER_SIGNATURE");
        assertThat(signer.get("timeStamp").get("problem").asString()).as("in Uzbek, the default language")
                .startsWith("vaqt tamg‘asi boshqa imzoga berilgan");
        assertThat(signer.get("signingTimeSource").asString()).isEqualTo("NONE");
    }

    @Test
    void aCertificateOfACaNobodyRecognisesIsAnUnknownChain() throws Exception {
        byte[] cms = SignedFixtures.sign(SignedFixtures.strangerHolder(), CONTRACT, true);

        JsonNode signer = signer(http.verify(cms));

        assertThat(signer.get("verdict").asString()).isEqualTo("UNKNOWN_CHAIN");
        assertThat(signer.get("signatureValid").asBoolean()).isTrue();
        assertThat(signer.get("chain").get("anchored").asBoolean()).isFalse();
    }

    @Test
    void aHolderOfARecognisedExternalCaVerifiesWithItsStatusClearlyNotChecked() throws Exception {
        SignedFixtures.Holder external = SignedFixtures.strangerHolder();
        today.authorities().recognise("other-centre-root", external.chain().get(1), "ceremony");
        byte[] stamped = http.stamp(SignedFixtures.sign(external, CONTRACT, true));

        JsonNode signer = signer(http.verify(stamped));

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
        assertThat(signer.get("chain").get("anchorKind").asString()).isEqualTo("RECOGNISED");
        assertThat(signer.get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
        assertThat(signer.get("status").get("now").asString()).isEqualTo("NOT_CHECKED");
    }

    @Test
    void aCertificateExpiredBeforeTheTimeStampedSigningTimeIsAnExpiredChain() throws Exception {
        SignedFixtures.Holder expired = holder(ca.services, KeyAlgorithm.GOST_UZ);
        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
        byte[] stamped = http.stamp(SignedFixtures.sign(expired, CONTRACT, true));

        JsonNode signer = signer(http.verify(stamped));

        assertThat(signer.get("verdict").asString()).isEqualTo("CERTIFICATE_EXPIRED");
        assertThat(signer.get("chainValidAtSigningTime").asBoolean()).isFalse();
    }

    @Test
    void ecdsaAndRsaSignersOfOurCaVerifyToo() throws Exception {
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048)) {
            SignedFixtures.Holder holder = holder(today, algorithm);
            byte[] stamped = http.stamp(SignedFixtures.sign(holder, CONTRACT, true));

            JsonNode signer = signer(http.verify(stamped));

            assertThat(signer.get("verdict").asString()).as(algorithm.name()).isEqualTo("VALID");
            assertThat(signer.get("timeStamp").get("imprintAlgorithm").asString()).isEqualTo("2.16.840.1.101.3.4.2.1");
            assertThat(signer(http.verify(SignedFixtures.flipSignatureBit(stamped))).get("verdict").asString())
                    .as(algorithm.name()).isEqualTo("SIGNATURE_INVALID");
        }
    }

    @Test
    void aDerBodyIsVerifiedAsAnAttachedSignature() throws Exception {
        byte[] cms = SignedFixtures.sign(holder(today, KeyAlgorithm.GOST_UZ), CONTRACT, true);

        VerificationHttp.Answer answer = http.post("/verify", "application/pkcs7-signature", cms);

        assertThat(signer(answer).get("verdict").asString()).isEqualTo("VALID");
        assertThat(signer(answer).get("signingTimeSource").asString()).isEqualTo("NONE");
    }

    @Test
    void malformedInputIsA400ProblemNeverA500() throws Exception {
        VerificationHttp.Answer garbage = http.post("/verify", "application/pkcs7-signature", new byte[]{0x30, 0x03, 1, 2});
        VerificationHttp.Answer notBase64 = http.post("/verify", "application/json", "{\"cms\":\"%%%\"}".getBytes());
        VerificationHttp.Answer notJson = http.post("/verify", "application/json", "{\"cms\":".getBytes());
        VerificationHttp.Answer detachedAlone = http.verify(SignedFixtures.sign(holder(today, KeyAlgorithm.EC_P256),
                CONTRACT, false));

        for (VerificationHttp.Answer answer : List.of(garbage, notBase64, notJson, detachedAlone)) {
            assertThat(answer.status()).as("%s", answer.json()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asString()).isNotBlank();
        }
        assertThat(detachedAlone.json().get("detail").asString()).contains("ajratilgan imzo"); // Uzbek, the default
    }
}
