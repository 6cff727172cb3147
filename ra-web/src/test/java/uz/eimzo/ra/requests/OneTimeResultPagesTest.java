package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.cmp.OpenSsl;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Result pages of a POST that carry a one-time secret: the language switch and Back never lose the secret and never
 * answer 405; the secret stays in the operator's own session only; a second download and a forbidden page are proper
 * pages in the user's language with a way back.
 */
class OneTimeResultPagesTest extends RaTestBase {

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

    Applicants applicants;
    Actor registrar;
    MockHttpSession session;

    @BeforeEach
    void registrar() {
        applicants = new Applicants(operators, registrations, codes);
        registrar = applicants.registrar();
        session = new MockHttpSession();
    }

    /** A certificate issued from an openssl key, as the applicant holds it. */
    private IssuanceOutcome issuedFromCsr(Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        openssl.newKey("key.pem");
        openssl.ok("req", "-new", "-key", "key.pem", "-subj", "/CN=x", "-out", "req.pem");
        return registrations.issue(registrar, applicants.submitted(Operators.pinfl()), KeyOption.CSR,
                java.nio.file.Files.readAllBytes(dir.resolve("req.pem")));
    }

    /** Issues a server key for a submitted request; returns the address of the result page and checks its password. */
    private String issued() throws Exception {
        long id = applicants.submitted(Operators.pinfl());
        String page = mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(session)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(password(page)).hasSize(16);
        return "/requests/" + id + "/issue";
    }

    private String page(String url, String lang) throws Exception {
        return mvc.perform(get(url).param("lang", lang).session(session).with(Operators.as(registrar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static String password(String page) {
        return page.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1");
    }

    @Test
    void theLanguageSwitchOnTheIssuedKeyPageShowsTheSamePasswordInTheNewLanguage() throws Exception {
        String result = issued();

        String russian = page(result, "ru");
        String english = page(result, "en");

        assertThat(password(russian)).hasSize(16).isEqualTo(password(english));
        assertThat(russian).contains("lang=\"ru\"").contains("id=\"revocation-code\"");
        assertThat(english).contains("lang=\"en\"").contains("id=\"pfx-download\"");
    }

    @Test
    void anotherSessionNeverSeesThePassword() throws Exception {
        String result = issued();

        String elsewhere = mvc.perform(get(result).session(new MockHttpSession()).with(Operators.as(registrar)))
                .andReturn().getResponse().getContentAsString();

        assertThat(elsewhere).doesNotContain("id=\"pfx-password\"");
    }

    @Test
    void theRevocationCodeShownAfterACsrIssuanceSurvivesTheLanguageSwitch() throws Exception {
        long id = applicants.submitted(Operators.pinfl());
        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom());
        String certificatePage = mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "CSR")
                        .param("csrText", uz.eimzo.ra.support.Csrs.pem(key)).session(session)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String first = page(certificatePage, "uz");
        String code = first.replaceAll("(?s).*id=\"revocation-code\">([^<]+)<.*", "$1");
        assertThat(code).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");

        String russian = page(certificatePage, "ru");

        assertThat(russian).contains("lang=\"ru\"").contains("id=\"revocation-code\">" + code + "<");
    }

    @Test
    void aSecondDownloadIsAPageInTheUsersLanguageWithAWayBack() throws Exception {
        String id = issued().replaceAll("\\D+(\\d+)\\D*", "$1");
        mvc.perform(get("/requests/" + id + "/pfx").session(session).with(Operators.as(registrar))).andExpect(status().isOk());

        String again = mvc.perform(get("/requests/" + id + "/pfx").param("lang", "ru").session(session)
                        .with(Operators.as(registrar)))
                .andExpect(status().isGone()).andReturn().getResponse().getContentAsString();

        assertThat(again).contains("<html").contains("lang=\"ru\"").contains("<title>")
                .contains("href=\"/requests/" + id + "\"");
    }

    @Test
    void anAuditorOpeningAdministrationIsToldThereIsNoAccessInHisLanguage() throws Exception {
        String password = "auditor-parol-2026";
        Actor auditor = operators.operator(operators.centre(false), password, Actor.Role.AUDITOR);
        directory.confirmTotp(auditor.operatorId());
        String session = signedIn(auditor.username(), password);

        for (String[] lang : new String[][]{{"uz", "Ruxsat yo‘q"}, {"ru", "Нет доступа"}, {"en", "No access"}}) {
            java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/admin?lang=" + lang[0]))
                    .header("Cookie", "JSESSIONID=" + session).header("Accept", "text/html").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(lang[0]).isEqualTo(403);
            assertThat(page.body()).as(lang[0]).contains("id=\"no-access\"").contains("lang=\"" + lang[0] + "\"")
                    .contains("<title>" + lang[1]).doesNotContain("tekshirib").doesNotContain("check the");
        }
    }

    final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    /** Signs in over real HTTP (password and code); returns the session id. */
    private String signedIn(String username, String password) throws Exception {
        String base = "http://localhost:" + port;
        var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String before = uz.eimzo.ra.support.SessionCookies.set(login);
        String token = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        byte[] secret = directory.totpSecret(directory.byUsername(username).orElseThrow());
        String form = "username=" + enc(username) + "&password=" + enc(password)
                + "&code=" + uz.eimzo.ra.operator.Totp.code(secret, java.time.Instant.now()) + "&_csrf=" + enc(token);
        var signedIn = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "JSESSIONID=" + before)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/requests");
        return uz.eimzo.ra.support.SessionCookies.set(signedIn);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void selfServiceResultAddressesAnswerAGetWithoutA405(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issuedFromCsr(dir);
        String serial = outcome.certificate().serial().toString(16);
        mvc.perform(post("/self-service/status").param("serial", serial).session(session).with(csrf()))
                .andExpect(status().isOk());

        String status = mvc.perform(get("/self-service/status").param("lang", "ru").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(status).contains("id=\"status-result\"").contains("lang=\"ru\"");
        for (String path : new String[]{"/self-service/revoke", "/self-service/renew"}) {
            int code = mvc.perform(get(path).param("lang", "en").session(new MockHttpSession()))
                    .andReturn().getResponse().getStatus();
            assertThat(code).as(path).isIn(200, 302);
        }
    }

    @Test
    void revocationResultSurvivesTheLanguageSwitch(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = issuedFromCsr(dir);
        mvc.perform(post("/self-service/revoke").param("serial", outcome.certificate().serial().toString(16))
                .param("code", outcome.revocationCode()).session(session).with(csrf()))
                .andExpect(status().isOk());

        String page = mvc.perform(get("/self-service/revoke").param("lang", "en").session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"revoked\"").contains("lang=\"en\"");
    }
}
