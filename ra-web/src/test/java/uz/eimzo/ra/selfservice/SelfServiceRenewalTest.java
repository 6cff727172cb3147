package uz.eimzo.ra.selfservice;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.cmp.OpenSsl;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Web renewal with a CSR and a CMS-signed challenge (made by openssl, as an applicant would), with the window widened
 * to 400 days (the same context as the CMP interop test) so a fresh one-year certificate is renewable.
 */
@TestPropertySource(properties = "eimzo.cmp.renewal-window=400d")
class SelfServiceRenewalTest extends RaTestBase {

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

    Applicants applicants;

    @BeforeEach
    void applicants() {
        applicants = new Applicants(operators, registrations, codes);
    }

    private String renew(MockHttpSession session, String signature, Path csr) throws Exception {
        return mvc.perform(multipart("/self-service/renew").param("signatureText", signature)
                        .param("csrText", Files.readString(csr)).param("lang", "en").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static Path newCsr(OpenSsl openssl) {
        openssl.newKey("new-key.pem");
        openssl.ok("req", "-new", "-key", "new-key.pem", "-subj", "/CN=x", "-out", "new.csr");
        return openssl.directory().resolve("new.csr");
    }

    @Test
    void signedChallengeAndCsrRenewTheSameIdentityWithTheNewKey(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        IssuanceOutcome current = SelfServiceTest.issue(applicants, registrations, openssl);
        MockHttpSession session = new MockHttpSession();
        String signature = SelfServiceTest.signedChallenge(mvc, session, openssl, "cert.pem", "key.pem");

        String page = renew(session, signature, newCsr(openssl));

        assertThat(page).contains("id=\"new-certificate\"").contains("id=\"revocation-code\"");
        String pem = page.replaceAll("(?s).*<pre id=\"new-certificate\">(-----BEGIN CERTIFICATE-----[^-]+)-----END.*", "$1")
                .replace("-----BEGIN CERTIFICATE-----", "").replace("&#10;", "");
        X509Certificate renewed = Certificates.parse(Base64.getMimeDecoder().decode(pem));
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.certificate().certificate().getSubjectX500Principal());
        Files.writeString(dir.resolve("renewed.pem"), Certificates.pem(renewed));
        openssl.ok("x509", "-in", "renewed.pem", "-noout", "-checkend", "0");
        String newKeyPub = openssl.ok("pkey", "-in", "new-key.pem", "-pubout");
        String certPub = openssl.ok("x509", "-in", "renewed.pem", "-noout", "-pubkey");
        assertThat(certPub).isEqualTo(newKeyPub);
    }

    /** Issue 18, defect 11: the applicant's own page does not tell the applicant to hand the code to the applicant. */
    @Test
    void theRenewedPageSpeaksToTheApplicantNotToAnOperator(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        SelfServiceTest.issue(applicants, registrations, openssl);
        MockHttpSession session = new MockHttpSession();
        String signature = SelfServiceTest.signedChallenge(mvc, session, openssl, "cert.pem", "key.pem");

        String page = renew(session, signature, newCsr(openssl));

        assertThat(page).contains("Your revocation code").doesNotContain("give it to the applicant");
    }

    @Test
    void aChallengeIsGoodForOneAttempt(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        SelfServiceTest.issue(applicants, registrations, openssl);
        MockHttpSession session = new MockHttpSession();
        String signature = SelfServiceTest.signedChallenge(mvc, session, openssl, "cert.pem", "key.pem");
        Path csr = newCsr(openssl);
        renew(session, signature, csr);

        String again = renew(session, signature, csr);

        assertThat(again).contains("The signature was not accepted").doesNotContain("id=\"new-certificate\"");
    }

    @Test
    void signatureThatIsNotCmsIsRefusedWithItsReasonInUzbek(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        MockHttpSession session = new MockHttpSession();

        String page = mvc.perform(multipart("/self-service/renew").param("signatureText", "not a signature")
                        .param("csrText", Files.readString(newCsr(openssl))).session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Imzo qabul qilinmadi.").contains("Imzo CMS SignedData (PKCS#7) formatida emas.");
    }

    @Test
    void revokedCertificateCannotRenew(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        IssuanceOutcome current = SelfServiceTest.issue(applicants, registrations, openssl);
        ca.revocations().revoke("demo-issuing", current.certificate().serial(), RevocationReason.KEY_COMPROMISE, null, "test");
        MockHttpSession session = new MockHttpSession();
        String signature = SelfServiceTest.signedChallenge(mvc, session, openssl, "cert.pem", "key.pem");

        assertThat(renew(session, signature, newCsr(openssl))).contains("The certificate is revoked");
    }

    @Test
    void suspendedCertificateCannotRenew(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        IssuanceOutcome current = SelfServiceTest.issue(applicants, registrations, openssl);
        ca.revocations().suspend("demo-issuing", current.certificate().serial(), "test");
        MockHttpSession session = new MockHttpSession();
        String signature = SelfServiceTest.signedChallenge(mvc, session, openssl, "cert.pem", "key.pem");

        assertThat(renew(session, signature, newCsr(openssl))).contains("The certificate is suspended");
    }

    @Test
    void expiredCertificateCannotRenew(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        IssuanceOutcome current = SelfServiceTest.issue(applicants, registrations, openssl);
        var twoYearsLater = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(730));
        var service = new SelfService(ca, "demo-issuing", ca.revocationCodes(), java.time.Duration.ofDays(400), twoYearsLater);
        long before = jdbc.sql("select count(*) from certificate").query(Long.class).single();

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        service.renew(current.certificate().certificate(), Files.readAllBytes(newCsr(openssl))))
                .isInstanceOfSatisfying(SelfServiceException.class,
                        refused -> assertThat(refused.messageKey()).isEqualTo("selfService.error.expired"));
        assertThat(jdbc.sql("select count(*) from certificate").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void challengeSignedWithAnotherKeyIsRefused(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        SelfServiceTest.issue(applicants, registrations, openssl);
        openssl.newKey("other.pem");
        openssl.ok("req", "-new", "-x509", "-key", "other.pem", "-subj", "/CN=TURSUNOV AKMAL", "-days", "30", "-out", "self.pem");
        MockHttpSession session = new MockHttpSession();
        String signature = SelfServiceTest.signedChallenge(mvc, session, openssl, "self.pem", "other.pem");

        assertThat(renew(session, signature, newCsr(openssl))).contains("not made with a certificate of this centre");
    }
}
