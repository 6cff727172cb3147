package uz.eimzo.ra.apply;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uz.eimzo.ca.identity.Pinfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Apply online over HTTP: the public form checks like the registrar's form and writes nothing when refused, the
 * applicant gets a reference, a secret and an e-mail, a registrar of the chosen centre confirms the identity, the
 * approval is the usual one, and the applicant collects the certificate with the secret and a mailed one-time code.
 */
class ApplyOnlineTest extends MailingRaTestBase {

    static final Pattern REFERENCE = Pattern.compile("A-[A-Z2-9]{5}-[A-Z2-9]{5}");
    static final Pattern SECRET = Pattern.compile("id=\"tracking-secret\">([A-Z2-9-]{19})<");

    @Autowired
    Registrations registrations;

    record Applied(String reference, String secret, String email, MockHttpSession session) {
    }

    private MockHttpServletRequestBuilder form(long centre, String pinfl, String email) {
        return post("/apply/submit").with(csrf()).with(r -> {
                    r.setRemoteAddr(client());
                    return r;
                })
                .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                .param("pinfl", pinfl).param("documentType", "PASSPORT").param("documentNumber", "AB1234567")
                .param("phone", "+99890" + (1000000 + new SecureRandom().nextInt(8999999)))
                .param("email", email).param("region", "Toshkent shahri").param("district", "Chilonzor")
                .param("representative", "false").param("centreId", String.valueOf(centre)).param("purposes", "1.2.860.3.2.2.1.2.1").param("keyOption", "CSR");
    }

    /** A female PINFL for 15 March 1990 (first digit 4), different on every call. */
    static String femalePinfl() {
        String male = Operators.pinfl();
        String first13 = "4" + male.substring(1, 13);
        return first13 + Pinfl.checkDigit(first13);
    }

    private Applied apply(long centre) throws Exception {
        String email = email();
        MockHttpSession session = new MockHttpSession();
        MvcResult result = mvc.perform(form(centre, femalePinfl(), email).session(session)).andExpect(status().isOk()).andReturn();
        String page = result.getResponse().getContentAsString();
        Matcher reference = REFERENCE.matcher(page);
        Matcher secret = SECRET.matcher(page);
        assertThat(reference.find()).as(page).isTrue();
        assertThat(secret.find()).as(page).isTrue();
        return new Applied(reference.group(), secret.group(1), email, session);
    }

    private int applications() {
        return jdbc.sql("select count(*) from online_application").query(Integer.class).single();
    }

    @Test
    void theApplicantChoosesRegionAndDistrictFromTheListsInTheirLanguage() throws Exception {
        String page = mvc.perform(get("/apply").param("lang", "ru")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<select id=\"region\" name=\"region\">")
                .contains("<option value=\"Toshkent shahri\">город Ташкент</option>")
                .contains("<select id=\"district\" name=\"district\">")
                .contains("<option value=\"Yunusobod tumani\">Yunusobod tumani</option>")
                .contains("/js/application-form.js");
    }

    @Test
    void thePracticeStatementLinksToTheApplicationForm() throws Exception {
        String page = mvc.perform(get("/cps")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("href=\"/apply\"");
    }

    @Test
    void anApplicationGetsAReferenceASecretShownOnceAndAnEmailWithTheReferenceOnly() throws Exception {
        long centre = operators.centre(false);

        Applied applied = apply(centre);

        MimeMessage mail = awaitMail(applied.email(), applied.reference());
        assertThat(body(mail)).contains(applied.reference()).doesNotContain(applied.secret());
        assertThat(jdbc.sql("select status || ' ' || language from online_application where reference = ?")
                .param(applied.reference()).query(String.class).single()).isEqualTo("RECEIVED uz");
        assertThat(jdbc.sql("select count(*) from certificate_request r join online_application a on a.request_id = r.id "
                + "where a.reference = ?").param(applied.reference()).query(Integer.class).single()).isZero();
    }

    @Test
    void aWrongPinflIsRefusedWithAFieldErrorInTheApplicantsLanguageAndNothingIsWritten() throws Exception {
        long centre = operators.centre(false);
        int before = applications();

        String page = mvc.perform(form(centre, "4150390100123", email()).param("lang", "ru").locale(Locale.forLanguageTag("ru")))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("ПИНФЛ");
        assertThat(page).contains("class=\"error\"");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void anApplicationWithoutEmailOrCentreNamesBothFields() throws Exception {
        int before = applications();

        String page = mvc.perform(form(0, femalePinfl(), "").param("lang", "en"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Enter an e-mail address").contains("Choose the service centre that will confirm your identity");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void theFourthApplicationWithOneEmailAddressInADayIsRefused() throws Exception {
        long centre = operators.centre(false);
        String email = email();
        for (int i = 0; i < 3; i++) {
            mvc.perform(form(centre, femalePinfl(), email)).andExpect(status().isOk());
        }
        int before = applications();

        String page = mvc.perform(form(centre, femalePinfl(), email).param("lang", "en"))
                .andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Too many applications with this e-mail address today");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void aRegistrarOfAnotherCentreDoesNotSeeNorConfirmTheApplication() throws Exception {
        Applied applied = apply(operators.centre(false));
        Actor stranger = operators.operator(operators.centre(false), "x", Actor.Role.REGISTRAR);

        String queue = mvc.perform(get("/online-applications").with(Operators.as(stranger)))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(confirm(applied, stranger)).andExpect(status().is3xxRedirection());

        assertThat(queue).doesNotContain(applied.reference());
        assertThat(jdbc.sql("select status from online_application where reference = ?").param(applied.reference())
                .query(String.class).single()).isEqualTo("RECEIVED");
    }

    private MockHttpServletRequestBuilder confirm(Applied applied, Actor registrar) {
        return post("/online-applications/" + applied.reference() + "/confirm").with(csrf()).with(Operators.as(registrar))
                .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                .param("pinfl", jdbc.sql("select pinfl from online_application where reference = ?").param(applied.reference())
                        .query(String.class).single())
                .param("documentType", "PASSPORT").param("documentNumber", "AB1234567").param("phone", "+998901112233")
                .param("email", applied.email()).param("region", "Toshkent shahri").param("district", "Chilonzor")
                .param("representative", "false").param("documentsChecked", "true");
    }

    @Test
    void confirmedAtTheCentreApprovedByASupervisorAndCollectedByTheApplicantWithAMailedCode() throws Exception {
        long centre = operators.centre(true);
        Applied applied = apply(centre);
        Actor registrar = operators.operator(centre, "x", Actor.Role.REGISTRAR);
        Actor supervisor = operators.operator(centre, "x", Actor.Role.SUPERVISOR);

        // The registrar finds it by reference and confirms against the passport: an ordinary submitted request.
        assertThat(mvc.perform(get("/online-applications").param("q", applied.reference()).with(Operators.as(registrar)))
                .andReturn().getResponse().getContentAsString()).contains(applied.reference());
        String location = mvc.perform(confirm(applied, registrar)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long request = Long.parseLong(location.replaceAll(".*/requests/", ""));
        assertThat(jdbc.sql("select status || ' ' || origin from certificate_request where id = ?").param(request)
                .query(String.class).single()).isEqualTo("SUBMITTED ONLINE");
        assertThat(jdbc.sql("select count(*) from request_snapshot where request_id = ? and stage = 'REGISTERED'")
                .param(request).query(Integer.class).single()).isOne();
        awaitMail(applied.email(), "shaxs tasdiqlandi");

        // Before approval there is nothing to collect.
        mvc.perform(post("/apply/track").with(csrf()).session(applied.session())
                .param("reference", applied.reference()).param("secret", applied.secret())).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/apply/track").session(applied.session())).andReturn().getResponse().getContentAsString())
                .contains("id=\"stage\">Shaxs tasdiqlandi<").doesNotContain("id=\"collect\"");

        registrations.approve(supervisor, request);
        awaitMail(applied.email(), "sertifikatingiz tayyor");

        mvc.perform(post("/apply/code").with(csrf()).session(applied.session())).andExpect(status().is3xxRedirection());
        String code = codeIn(awaitMail(applied.email(), "bir martalik kod"));
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        String page = mvc.perform(post("/apply/collect").with(csrf()).session(applied.session())
                        .param("code", code).param("csrText", Csrs.pem(key)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"certificate-download\"").contains("id=\"revocation-code\"");
        byte[] der = mvc.perform(get("/apply/certificate").session(applied.session())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        X509Certificate certificate = Certificates.parse(der);
        assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("KARIMOVA").contains("DILNOZA");
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("ISSUED");
        awaitMail(applied.email(), "sertifikat berildi");
    }

    @Test
    void aWrongCodeCollectsNothingAndFiveWrongCodesSpendTheCode() throws Exception {
        long centre = operators.centre(false);
        Applied applied = apply(centre);
        mvc.perform(confirm(applied, operators.operator(centre, "x", Actor.Role.REGISTRAR)));
        mvc.perform(post("/apply/track").with(csrf()).session(applied.session())
                .param("reference", applied.reference()).param("secret", applied.secret()));
        mvc.perform(post("/apply/code").with(csrf()).session(applied.session()));
        String code = codeIn(awaitMail(applied.email(), "bir martalik kod"));
        String csr = Csrs.pem(KeyAlgorithm.EC_P256.generate(new SecureRandom()));

        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/apply/collect").with(csrf()).session(applied.session()).param("code", "0000-000" + i)
                    .param("csrText", csr)).andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/apply/collect").with(csrf()).session(applied.session()).param("code", code).param("csrText", csr))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("select r.status from certificate_request r join online_application a on a.request_id = r.id "
                + "where a.reference = ?").param(applied.reference()).query(String.class).single()).isEqualTo("SUBMITTED");
    }

    @Test
    void theCodeMailedAtApplicationConfirmsTheEmailAddressAndAWrongOneDoesNot() throws Exception {
        Applied applied = apply(operators.centre(false));
        String code = codeIn(awaitMail(applied.email(), "e-mail manzilingizni tasdiqlang"));

        var wrong = mvc.perform(post("/apply/email").with(csrf()).session(applied.session()).param("code", "0000-0000")
                .param("lang", "en")).andReturn();
        var right = mvc.perform(post("/apply/email").with(csrf()).session(applied.session()).param("code", code)).andReturn();

        assertThat(wrong.getFlashMap().get("error")).isEqualTo("The one-time code is wrong or has expired. Ask for a new one.");
        assertThat(right.getFlashMap().get("emailConfirmed")).isEqualTo(true);
        assertThat(jdbc.sql("select email_confirmed_at is not null from online_application where reference = ?")
                .param(applied.reference()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void askingForCodesTooSoonOrBeforeApprovalIsRefusedOnTheTrackingPage() throws Exception {
        Applied applied = apply(operators.centre(false));
        mvc.perform(post("/apply/track").with(csrf()).session(applied.session())
                .param("reference", applied.reference()).param("secret", applied.secret()));

        // The e-mail code went out at application time: another one within the minute is refused, not sent.
        MvcResult resend = mvc.perform(post("/apply/email/resend").with(csrf()).session(applied.session()))
                .andExpect(status().is3xxRedirection()).andReturn();
        // Nothing to collect before the identity is confirmed.
        MvcResult collect = mvc.perform(post("/apply/code").with(csrf()).session(applied.session()))
                .andExpect(status().is3xxRedirection()).andReturn();

        for (MvcResult refused : List.of(resend, collect)) {
            assertThat(refused.getFlashMap().get("error")).isNotNull();
            assertThat(refused.getFlashMap().get("codeSent")).isNull();
        }
    }

    @Test
    void aWrongTrackingSecretOpensNothing() throws Exception {
        Applied applied = apply(operators.centre(false));

        String page = mvc.perform(post("/apply/track").with(csrf()).param("lang", "en").locale(Locale.ENGLISH)
                        .param("reference", applied.reference()).param("secret", "AAAA-BBBB-CCCC-DDDD"))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("The reference or the tracking secret is wrong.").doesNotContain("id=\"stage\"");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theTrackingSecretTheOneTimeCodeAndThePassportNumberNeverReachTheLogs(
            CapturedOutput output) throws Exception {
        var logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loggers = List.of("uz.eimzo", "org.springframework.web", "org.springframework.mail");
        loggers.forEach(l -> logging.setLogLevel(l, LogLevel.DEBUG));
        String code;
        Applied applied;
        try {
            long centre = operators.centre(false);
            applied = apply(centre);
            mvc.perform(confirm(applied, operators.operator(centre, "x", Actor.Role.REGISTRAR)));
            mvc.perform(post("/apply/track").with(csrf()).session(applied.session())
                    .param("reference", applied.reference()).param("secret", applied.secret()));
            mvc.perform(post("/apply/code").with(csrf()).session(applied.session()));
            code = codeIn(awaitMail(applied.email(), "bir martalik kod"));
            mvc.perform(post("/apply/collect").with(csrf()).session(applied.session()).param("code", code)
                    .param("csrText", Csrs.pem(KeyAlgorithm.EC_P256.generate(new SecureRandom())))).andExpect(status().isOk());
        } finally {
            loggers.forEach(l -> logging.setLogLevel(l, null));
        }

        assertThat(output.getAll()).doesNotContain(applied.secret()).doesNotContain(code).doesNotContain("AB1234567");
    }

    private String json(long centre, String pinfl, String email) {
        return """
                {"applicant": {"type": "INDIVIDUAL", "surname": "Karimova", "givenName": "Dilnoza", "patronymic": "Rustamovna",
                  "birthDate": "1990-03-15", "sex": "F", "pinfl": "%s", "documentType": "PASSPORT", "documentNumber": "AB1234567",
                  "phone": "+99890%07d", "email": "%s", "representative": false},
                 "centreId": %d, "keyOption": "CSR", "language": "ru"}""".formatted(pinfl, 1000000 + new SecureRandom().nextInt(8999999),
                email, centre);
    }

    @Test
    void theSameApplicationAsJsonWithoutSignInAnswers201WithTheReferenceAndTheSecret() throws Exception {
        String email = email();

        String body = mvc.perform(post("/api/applications").contentType("application/json")
                        .content(json(operators.centre(false), femalePinfl(), email)).with(r -> {
                            r.setRemoteAddr(client());
                            return r;
                        }))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();

        Matcher reference = REFERENCE.matcher(body);
        assertThat(reference.find()).as(body).isTrue();
        assertThat(body).containsPattern("\"trackingSecret\":\"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\"")
                .contains("/apply/" + reference.group());
        assertThat(body(awaitMail(email, reference.group()))).contains("Уважаем");
    }

    @Test
    void aJsonApplicationWithAWrongPinflIsAProblemNamingTheFieldAndWritesNothing() throws Exception {
        int before = applications();

        String body = mvc.perform(post("/api/applications").contentType("application/json")
                        .content(json(operators.centre(false), "4150390100123", email())))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(body).contains("\"error\":\"application.invalid\"").contains("\"field\":\"pinfl\"");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void theApiDocumentationDescribesThePublicApplication() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(docs).contains("\"/api/applications\"").contains("Apply online");
    }

    static String codeIn(MimeMessage mail) throws Exception {
        Matcher code = Pattern.compile("\\b([0-9]{4}-[0-9]{4})\\b").matcher(body(mail));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }
}
