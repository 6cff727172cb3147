package uz.eimzo.ra.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.Totp;
import uz.eimzo.ra.support.RaTestBase;

import uz.eimzo.ra.support.SessionCookies;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SignInTest extends RaTestBase {

    static final String PASSWORD = "to'g'ri-parol-2026";

    private MvcResult signIn(String username, String password, String code) throws Exception {
        var request = post("/login").param("username", username).param("password", password).with(csrf());
        if (code != null) {
            request.param("code", code);
        }
        return mvc.perform(request).andReturn();
    }

    private byte[] secret(String username) {
        return directory.totpSecret(directory.byUsername(username).orElseThrow());
    }

    /** An operator who has enrolled, so sign-in needs password and code. */
    private Actor enrolled() {
        Actor actor = operators.operator(operators.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        directory.confirmTotp(actor.operatorId());
        return actor;
    }

    @Test
    void firstSignInLeadsToAuthenticatorEnrolmentThenPasswordAndCodeOpenThePages() throws Exception {
        Actor actor = operators.operator(operators.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        MvcResult first = signIn(actor.username(), PASSWORD, null);
        assertThat(first.getResponse().getRedirectedUrl()).endsWith("/enrol");
        MockHttpSession session = (MockHttpSession) first.getRequest().getSession();

        mvc.perform(get("/requests").session(session)).andExpect(status().isForbidden());
        String page = mvc.perform(get("/enrol").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data:image/svg+xml;base64,").contains(Totp.base32(secret(actor.username())).substring(0, 4));

        String enrolCode = Totp.code(secret(actor.username()), Instant.now());
        mvc.perform(post("/enrol").session(session).param("code", enrolCode).with(csrf()))
                .andExpect(redirectedUrl("/login?enrolled"));

        // The next step's code: the enrolment code itself may not be used twice.
        String code = Totp.code(secret(actor.username()), Instant.now().plusSeconds(30));
        MvcResult second = signIn(actor.username(), PASSWORD, code);
        assertThat(second.getResponse().getRedirectedUrl()).endsWith("/requests");
        mvc.perform(get("/requests").session((MockHttpSession) second.getRequest().getSession())).andExpect(status().isOk());
    }

    @Test
    void passwordAndCodeSignInGivesANewSessionIdAndLeavesTheOldOneSignedOut() throws Exception {
        Actor actor = enrolled();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String before = SessionCookies.set(login);
        assertThat(before).isNotNull();
        String csrf = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        String form = "username=" + enc(actor.username()) + "&password=" + enc(PASSWORD)
                + "&code=" + Totp.code(secret(actor.username()), Instant.now()) + "&_csrf=" + enc(csrf);

        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "JSESSIONID=" + before)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/requests");
        String after = SessionCookies.set(signedIn);
        assertThat(after).isNotNull().isNotEqualTo(before);

        assertThat(requestsWith(client, before).statusCode()).as("the id from before sign-in").isEqualTo(302);
        assertThat(requestsWith(client, after).statusCode()).as("the new id").isEqualTo(200);
    }

    private HttpResponse<String> requestsWith(HttpClient client, String session) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests"))
                .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void wrongOneTimeCodeIsRefused() throws Exception {
        Actor actor = enrolled();
        String right = Totp.code(secret(actor.username()), Instant.now());
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        assertThat(signIn(actor.username(), PASSWORD, wrong).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void passwordAloneIsNotEnoughOnceEnrolled() throws Exception {
        Actor actor = enrolled();
        assertThat(signIn(actor.username(), PASSWORD, null).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void replayedOneTimeCodeIsRefused() throws Exception {
        Actor actor = enrolled();
        String code = Totp.code(secret(actor.username()), Instant.now());
        assertThat(signIn(actor.username(), PASSWORD, code).getResponse().getRedirectedUrl()).endsWith("/requests");
        assertThat(signIn(actor.username(), PASSWORD, code).getResponse().getRedirectedUrl()).isEqualTo("/login?used");
    }

    @Test
    void theEnrolmentCodeUsedAgainAtSignInIsExplainedInTheOperatorsLanguage() throws Exception {
        Actor actor = operators.operator(operators.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        MockHttpSession session = (MockHttpSession) signIn(actor.username(), PASSWORD, null).getRequest().getSession();
        String enrolCode = Totp.code(secret(actor.username()), Instant.now());
        mvc.perform(post("/enrol").session(session).param("code", enrolCode).with(csrf()));

        String location = signIn(actor.username(), PASSWORD, enrolCode).getResponse().getRedirectedUrl();
        assertThat(location).isEqualTo("/login?used");
        for (String[] lang : new String[][]{{"uz", "keyingi"}, {"ru", "следующ"}, {"en", "next"}}) {
            assertThat(mvc.perform(get(location).param("lang", lang[0])).andReturn().getResponse().getContentAsString())
                    .as(lang[0]).contains("id=\"code-used\"").contains(lang[1]);
        }
    }

    @Test
    void aUsedCodeStillCountsTowardsTheLockout() throws Exception {
        Actor actor = enrolled();
        String code = Totp.code(secret(actor.username()), Instant.now());
        signIn(actor.username(), PASSWORD, code);
        for (int i = 0; i < OperatorDirectory.LOCK_AFTER; i++) {
            signIn(actor.username(), PASSWORD, code);
        }
        assertThat(directory.byUsername(actor.username()).orElseThrow().lockedUntil()).isAfter(Instant.now());
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        Actor actor = enrolled();
        for (int i = 0; i < OperatorDirectory.LOCK_AFTER; i++) {
            signIn(actor.username(), "wrong-password", "000000");
        }
        String code = Totp.code(secret(actor.username()), Instant.now());
        assertThat(signIn(actor.username(), PASSWORD, code).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(directory.byUsername(actor.username()).orElseThrow().lockedUntil()).isAfter(Instant.now());
    }

    @Test
    void signInsAreAuditedWithoutSecrets() throws Exception {
        Actor actor = enrolled();
        signIn(actor.username(), "wrong-password", "123456");
        String row = jdbc.sql("select outcome || ' ' || details::text from audit_event where actor = ? and action = 'operator.signIn' order by id desc limit 1")
                .param(actor.username()).query(String.class).single();
        assertThat(row).startsWith("FAILURE").contains("wrong password").doesNotContain("wrong-password").doesNotContain("123456");
    }

    @Test
    void signInWithoutCsrfTokenIsForbidden() throws Exception {
        mvc.perform(post("/login").param("username", "x").param("password", "y")).andExpect(status().isForbidden());
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")));
    }

    @Test
    void passwordsAreStoredAsArgon2Hashes() {
        Actor actor = enrolled();
        assertThat(directory.byUsername(actor.username()).orElseThrow().passwordHash()).startsWith("$argon2id$");
    }
}
