package uz.eimzo.tsa.verification;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signer certified by a recognised external CA whose certificate names an OCSP responder: the verification service
 * asks that responder first (the real {@code openssl ocsp} serving the CA's index, or a small Bouncy Castle responder
 * in the test for what openssl cannot sign), believes only answers the CA or its delegated responder signed for this
 * very certificate, falls back to the CA's CRL, and says which source answered or why none did.
 */
class ExternalOcspStatusTest extends ExternalCaVerification {

    ExternalCa gostExternal;

    ExternalOcspStatusTest() {
        super("tsa-external-ocsp", "third-centre-root", "CN=Uchinchi Markaz Root CA,O=Uchinchi Markaz,C=UZ");
    }

    @BeforeAll
    void recogniseAGostUzCa() throws Exception {
        gostExternal = new ExternalCa("CN=Milliy Markaz GOST Root CA,O=Milliy Markaz,C=UZ", KeyAlgorithm.GOST_UZ);
        ca.services.authorities().recognise("national-gost-centre-root", gostExternal.certificate, "ceremony");
    }

    @Test
    void aGoodAnswerFromADelegatedRsaResponderMakesTheSignatureValidWithItsSourceStated() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("delegated"))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), null);
            KeyPair responderKeys = KeyAlgorithm.RSA_2048.generate(random);
            openssl.start(external.certificate, external.responder(responderKeys), responderKeys.getPrivate(),
                    List.of(new OpensslOcspResponder.Entry(holder.certificate(), null)));

            JsonNode signer = verified(holder, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
            JsonNode status = signer.get("status");
            assertThat(status.get("source").asString()).isEqualTo("OCSP");
            assertThat(status.get("now").asString()).isEqualTo("GOOD");
            assertThat(status.get("url").asString()).isEqualTo(openssl.url());
            assertThat(Instant.parse(status.get("thisUpdate").asString())).isBefore(Instant.now().plusSeconds(1));
            assertThat(status.get("nonce").asString()).isEqualTo("ECHOED");
        }
    }

    @Test
    void anAnswerIsKeptForItsCertificateSoTheNextVerificationNeedsNoResponder() throws Exception {
        JsonNode first;
        SignedFixtures.Holder holder;
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("kept"))) {
            holder = external.holder(openssl.url(), null);
            openssl.start(external.certificate, external.certificate, external.keys.getPrivate(),
                    List.of(new OpensslOcspResponder.Entry(holder.certificate(), null)));
            first = verified(holder, "en");
        }

        JsonNode second = verified(holder, "en");

        assertThat(second.get("status").get("source").asString()).isEqualTo("OCSP");
        assertThat(second.get("status").get("thisUpdate")).isEqualTo(first.get("status").get("thisUpdate"));
    }

    @Test
    void aCertificateRevokedBeforeTheTimeStampedSigningTimeIsRevokedBeforeSigning() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("revoked-before"))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), null);
            openssl.start(external.certificate, external.certificate, external.keys.getPrivate(), List.of(
                    new OpensslOcspResponder.Entry(holder.certificate(), Instant.now().minus(Duration.ofMinutes(30)))));

            JsonNode signer = verified(holder, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("REVOKED_BEFORE_SIGNING");
            assertThat(signer.get("status").get("source").asString()).isEqualTo("OCSP");
            assertThat(signer.get("status").get("atSigningTime").asString()).isEqualTo("REVOKED");
            assertThat(signer.get("status").get("revocationReason").asInt()).isEqualTo(1); // keyCompromise
        }
    }

    @Test
    void aCertificateRevokedAfterTheTimeStampedSigningTimeWasValidWhenItSigned() throws Exception {
        try (OpensslOcspResponder openssl = new OpensslOcspResponder(directory.resolve("revoked-after"))) {
            SignedFixtures.Holder holder = external.holder(openssl.url(), null);
            byte[] stamped = http.stamp(SignedFixtures.sign(holder, LETTER, true));
            Thread.sleep(1_100); // OCSP times have whole seconds: the revocation lands after the token's time
            openssl.start(external.certificate, external.certificate, external.keys.getPrivate(),
                    List.of(new OpensslOcspResponder.Entry(holder.certificate(), Instant.now())));

            JsonNode signer = verifiedDocument(stamped, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("REVOKED_AFTER_SIGNING");
            assertThat(signer.get("status").get("source").asString()).isEqualTo("OCSP");
            assertThat(signer.get("status").get("atSigningTime").asString()).isEqualTo("GOOD");
            assertThat(signer.get("status").get("now").asString()).isEqualTo("REVOKED");
        }
    }

    @Test
    void aResponderThatIsDownFallsBackToTheCrlAndSaysSo() throws Exception {
        String deadResponder = "http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/";
        SignedFixtures.Holder holder = external.holder(deadResponder, crlUrl("/fallback.crl"));
        crlServer.publish("/fallback.crl", external.crl(Instant.now().minus(Duration.ofMinutes(30)), holder.certificate()));

        JsonNode signer = verified(holder, "en");

        assertThat(signer.get("verdict").asString()).isEqualTo("REVOKED_BEFORE_SIGNING");
        JsonNode status = signer.get("status");
        assertThat(status.get("source").asString()).isEqualTo("CRL");
        assertThat(status.get("url").asString()).isEqualTo(crlUrl("/fallback.crl"));
        assertThat(status.get("notChecked").get(0).get("source").asString()).isEqualTo("OCSP");
        assertThat(status.get("notChecked").get(0).get("url").asString()).isEqualTo(deadResponder);
        assertThat(status.get("notChecked").get(0).get("reason").asString()).isEqualTo("RESPONDER_UNREACHABLE");
    }

    @Test
    void aResponderThatIsDownWithNoCrlLeavesTheStatusNotCheckedInTheRelyingPartysLanguage() throws Exception {
        SignedFixtures.Holder holder = external.holder("http://127.0.0.1:" + OpensslOcspResponder.freePort() + "/", null);

        JsonNode signer = verified(holder, "en");

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
        JsonNode status = signer.get("status");
        assertThat(status.get("source").asString()).isEqualTo("NOT_CHECKED");
        assertThat(status.get("now").asString()).isEqualTo("NOT_CHECKED");
        assertThat(status.get("notChecked").get(0).get("text").asString()).isEqualTo("not checked: responder unreachable");
        assertThat(verified(holder, "uz").get("status").get("notChecked").get(0).get("text").asString())
                .startsWith("tekshirilmadi");
    }

    @Test
    void anAnswerSignedByAKeyUnrelatedToTheCaIsNotBelieved() throws Exception {
        ExternalCa stranger = new ExternalCa("CN=Uchinchi Markaz Root CA,O=Uchinchi Markaz,C=UZ", KeyAlgorithm.EC_P256);
        try (HandMadeOcspResponder forger = new HandMadeOcspResponder(stranger.keys, stranger.certificate,
                HandMadeOcspResponder.Twist.NONE, Duration.ZERO)) {
            SignedFixtures.Holder holder = external.holder(forger.url(), null);

            JsonNode signer = verified(holder, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
            JsonNode reason = signer.get("status").get("notChecked").get(0);
            assertThat(reason.get("reason").asString()).isEqualTo("RESPONSE_SIGNATURE_INVALID");
            assertThat(reason.get("text").asString()).isEqualTo("not checked: response signature invalid");
        }
    }

    /** openssl cannot sign with O'z DSt 1092, so the GOST-UZ CA's answers come from the responder made in the test. */
    @Test
    void aGostUzCasOwnAnswerIsVerifiedWithTheNationalAlgorithm() throws Exception {
        try (HandMadeOcspResponder responder = new HandMadeOcspResponder(gostExternal.keys, gostExternal.certificate,
                HandMadeOcspResponder.Twist.NONE, Duration.ZERO)) {
            SignedFixtures.Holder holder = gostExternal.holder(responder.url(), null);

            JsonNode signer = verified(holder, "en");

            assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
            assertThat(signer.get("status").get("source").asString()).isEqualTo("OCSP");
            assertThat(signer.get("status").get("nonce").asString()).isEqualTo("ECHOED");
        }
    }

    @Test
    void aResponderThatIgnoresTheNonceIsBelievedOnlyWhenItsAnswerIsFresh() throws Exception {
        try (HandMadeOcspResponder fresh = new HandMadeOcspResponder(external.keys, external.certificate,
                HandMadeOcspResponder.Twist.NO_NONCE, Duration.ZERO);
             HandMadeOcspResponder stale = new HandMadeOcspResponder(external.keys, external.certificate,
                     HandMadeOcspResponder.Twist.NO_NONCE, Duration.ofHours(2))) {
            JsonNode freshSigner = verified(external.holder(fresh.url(), null), "en");
            JsonNode staleSigner = verified(external.holder(stale.url(), null), "en");

            assertThat(freshSigner.get("status").get("source").asString()).isEqualTo("OCSP");
            assertThat(freshSigner.get("status").get("nonce").asString()).isEqualTo("NOT_ECHOED");
            assertThat(staleSigner.get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
            assertThat(staleSigner.get("status").get("notChecked").get(0).get("reason").asString())
                    .isEqualTo("RESPONSE_NOT_FRESH");
        }
    }

    @Test
    void anAnswerWithAnotherNonceIsNotBelieved() throws Exception {
        assertThat(reasonFromTwisted(HandMadeOcspResponder.Twist.OTHER_NONCE)).isEqualTo("NONCE_MISMATCH");
    }

    @Test
    void anAnswerAboutAnotherCertificateIsNotBelieved() throws Exception {
        assertThat(reasonFromTwisted(HandMadeOcspResponder.Twist.OTHER_SERIAL)).isEqualTo("WRONG_CERTIFICATE");
    }

    @Test
    void anAnswerOverTheSizeLimitIsNotRead() throws Exception {
        assertThat(reasonFromTwisted(HandMadeOcspResponder.Twist.OVERSIZED)).isEqualTo("RESPONSE_TOO_LARGE");
    }

    @Test
    void aResponderSlowerThanTheReadTimeoutCostsOnlyTheTimeout() throws Exception {
        try (HandMadeOcspResponder slow = new HandMadeOcspResponder(external.keys, external.certificate,
                HandMadeOcspResponder.Twist.SLOW, Duration.ZERO)) {
            byte[] stamped = http.stamp(SignedFixtures.sign(external.holder(slow.url(), null), LETTER, true));
            long start = System.nanoTime();

            JsonNode signer = verifiedDocument(stamped, "en");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_500));
            assertThat(signer.get("status").get("notChecked").get(0).get("reason").asString())
                    .isEqualTo("RESPONDER_UNREACHABLE");
        }
    }

    /** The reason a responder answering with {@code twist} is not believed; the status is then not checked. */
    private String reasonFromTwisted(HandMadeOcspResponder.Twist twist) throws Exception {
        try (HandMadeOcspResponder responder = new HandMadeOcspResponder(external.keys, external.certificate, twist,
                Duration.ZERO)) {
            JsonNode signer = verified(external.holder(responder.url(), null), "en");
            assertThat(signer.get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
            assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
            return signer.get("status").get("notChecked").get(0).get("reason").asString();
        }
    }

    @Test
    void aResponderNamedByAnHttpsUrlIsRefusedAndSaidSo() throws Exception {
        JsonNode signer = verified(external.holder("https://127.0.0.1:1/ocsp", null), "en");

        assertThat(signer.get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
        assertThat(signer.get("status").get("notChecked").get(0).get("reason").asString()).isEqualTo("NOT_PLAIN_HTTP");
    }

    private String crlUrl(String path) {
        return crlServer.url(path);
    }
}
