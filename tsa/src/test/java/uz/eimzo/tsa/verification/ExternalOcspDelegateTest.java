package uz.eimzo.tsa.verification;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external CA's answer signed by a responder it delegated (RFC 6960 4.2.2.2): with id-pkix-ocsp-nocheck the
 * responder is trusted for its certificate's lifetime; without it, the responder's own certificate is looked up in the
 * CA's CRL: revoked, its answers are not believed; good, or with no CRL to read, they are, and the report says which.
 * The answers come from the real {@code openssl ocsp} signing with the delegated key.
 */
class ExternalOcspDelegateTest extends ExternalCaVerification {

    ExternalOcspDelegateTest() {
        super("tsa-ocsp-delegate", "samarkand-centre-root",
                "CN=Samarqand Markazi Root CA,O=Samarqand Markazi,C=UZ");
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

            assertThat(verified(holder, "en").get("status").get("responder").asString()).isEqualTo("ISSUER");
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
            return verified(holder, "en");
        }
    }
}
