package uz.eimzo.ra.selfservice;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.cmp.OpenSsl;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The applicants' public pages with the default 60-day renewal window: status, lost-key revocation, refusals. */
class SelfServiceTest extends RaTestBase {

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

    Applicants applicants;

    @BeforeEach
    void applicants() {
        applicants = new Applicants(operators, registrations, codes);
    }

    /** Issues through the operators' workflow from an openssl key; key.pem and cert.pem land in the directory. */
    static IssuanceOutcome issue(Applicants applicants, Registrations registrations, OpenSsl openssl) throws Exception {
        openssl.newKey("key.pem");
        openssl.ok("req", "-new", "-key", "key.pem", "-subj", "/CN=x", "-out", "req.pem");
        long request = applicants.submitted(Operators.pinfl());
        IssuanceOutcome outcome = registrations.issue(applicants.registrar(), request, KeyOption.CSR,
                Files.readAllBytes(openssl.directory().resolve("req.pem")));
        Files.writeString(openssl.directory().resolve("cert.pem"), Certificates.pem(outcome.certificate().certificate()));
        return outcome;
    }

    /** Opens the page in a session and signs its challenge with key.pem/cert.pem; returns the CMS in PEM. */
    static String signedChallenge(org.springframework.test.web.servlet.MockMvc mvc, MockHttpSession session, OpenSsl openssl,
                                  String cert, String key) throws Exception {
        String page = mvc.perform(get("/self-service").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String challenge = page.replaceAll("(?s).*<code id=\"challenge\">([^<]+)</code>.*", "$1");
        Files.writeString(openssl.directory().resolve("challenge.txt"), challenge);
        openssl.ok("cms", "-sign", "-binary", "-nodetach", "-in", "challenge.txt", "-signer", cert, "-inkey", key,
                "-outform", "PEM", "-out", "challenge.p7s");
        return Files.readString(openssl.directory().resolve("challenge.p7s"));
    }

    private String statusOf(IssuanceOutcome outcome) {
        return jdbc.sql("select status || ':' || coalesce(revocation_reason::text, '-') from certificate where serial = ?")
                .param(new BigDecimal(outcome.certificate().serial())).query(String.class).single();
    }

    @Test
    void pageIsPublicAndInUzbekByDefault() throws Exception {
        String page = mvc.perform(get("/self-service")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Mening sertifikatim").contains("id=\"challenge\"");
    }

    @Test
    void pageSpeaksRussianAndEnglish() throws Exception {
        assertThat(mvc.perform(get("/self-service").param("lang", "ru")).andReturn().getResponse().getContentAsString())
                .contains("Мой сертификат");
        assertThat(mvc.perform(get("/self-service").param("lang", "en")).andReturn().getResponse().getContentAsString())
                .contains("My certificate");
    }

    @Test
    void statusOfOwnCertificateIsShownBySerial(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issue(applicants, registrations, new OpenSsl(dir));

        String page = mvc.perform(post("/self-service/status").param("serial", outcome.certificate().serial().toString(16))
                        .param("lang", "en").with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"status-result\"").contains("TURSUNOV AKMAL");
    }

    @Test
    void lostKeyIsRevokedWithTheRevocationCodeForKeyCompromise(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issue(applicants, registrations, new OpenSsl(dir));
        assertThat(outcome.revocationCode()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");

        String page = mvc.perform(post("/self-service/revoke").param("serial", outcome.certificate().serial().toString(16))
                        .param("code", outcome.revocationCode().toLowerCase()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"revoked\"");
        assertThat(statusOf(outcome)).isEqualTo("REVOKED:1");
    }

    @Test
    void revocationCodeTypedWithoutDashesOrWithSpacesIsAccepted(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issue(applicants, registrations, new OpenSsl(dir));
        String typed = " " + outcome.revocationCode().replace("-", "").toLowerCase().replaceAll("(.{8})", "$1 ");

        String page = mvc.perform(post("/self-service/revoke").param("serial", outcome.certificate().serial().toString(16))
                        .param("code", typed).with(csrf()))
                .andReturn().getResponse().getContentAsString();

        assertThat(statusOf(outcome)).isEqualTo("REVOKED:1");
    }

    @Test
    void wrongRevocationCodeChangesNothing(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issue(applicants, registrations, new OpenSsl(dir));

        String page = mvc.perform(post("/self-service/revoke").param("serial", outcome.certificate().serial().toString(16))
                        .param("code", "AAAA-BBBB-CCCC-DDDD").param("lang", "en").with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("do not match");
        assertThat(statusOf(outcome)).isEqualTo("GOOD:-");
    }

    @Test
    void revocationCodeIsStoredOnlyAsAHash(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issue(applicants, registrations, new OpenSsl(dir));

        byte[] stored = jdbc.sql("select revocation_code_sha256 from certificate where serial = ?")
                .param(new BigDecimal(outcome.certificate().serial())).query(byte[].class).single();

        assertThat(stored).hasSize(32).isNotEqualTo(outcome.revocationCode().getBytes());
    }

    @Test
    void renewalOutsideTheWindowIsRefused(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        IssuanceOutcome outcome = issue(applicants, registrations, openssl);
        MockHttpSession session = new MockHttpSession();
        String signature = signedChallenge(mvc, session, openssl, "cert.pem", "key.pem");
        openssl.newKey("new-key.pem");
        openssl.ok("req", "-new", "-key", "new-key.pem", "-subj", "/CN=x", "-out", "new.csr");

        String page = mvc.perform(multipart("/self-service/renew").param("signatureText", signature)
                        .param("csrText", Files.readString(dir.resolve("new.csr"))).param("lang", "en").session(session).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Renewal opens 60 days before expiry");
        assertThat(jdbc.sql("select count(*) from certificate where pinfl = ?")
                .param(jdbc.sql("select pinfl from certificate where serial = ?").param(new BigDecimal(outcome.certificate().serial()))
                        .query(String.class).single()).query(Integer.class).single()).isEqualTo(1);
    }
}
