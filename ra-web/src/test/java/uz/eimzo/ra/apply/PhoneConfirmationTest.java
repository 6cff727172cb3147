package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With an SMS provider on, the applicant's phone is confirmed by a one-time code texted to it, like the e-mail address:
 * the code is kept as a SHA-256 only, expires, five misses spend it, codes are limited per number and per client
 * address, the code reaches no log, and the remote identity check waits until both the e-mail and the phone are
 * confirmed. The texts and the pages speak the application's and the page's language.
 */
class PhoneConfirmationTest extends MailingRaTestBase {

    record Applied(String reference, String phone, String email, String client, MockHttpSession session, String page) {
    }

    private Applied apply(String language, String client) throws Exception {
        String email = email();
        String phone = "+99894" + (1000000 + new SecureRandom().nextInt(8999999));
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(post("/apply/submit").with(csrf()).session(session).param("lang", language)
                        .locale(Locale.forLanguageTag(language)).with(r -> {
                            r.setRemoteAddr(client);
                            return r;
                        })
                        .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                        .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                        .param("pinfl", ApplyOnlineTest.femalePinfl()).param("documentType", "PASSPORT")
                        .param("documentNumber", "AB1234567").param("phone", phone).param("email", email)
                        .param("representative", "false").param("centreId", String.valueOf(operators.centre(false)))
                        .param("keyOption", "BROWSER_KEY").param("purposes", "1.2.860.3.2.2.1.2.1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        assertThat(reference.find()).isTrue();
        return new Applied(reference.group(), phone, email, client, session, page);
    }

    private Applied apply() throws Exception {
        return apply("uz", client());
    }

    private MvcResult enter(Applied applied, String code) throws Exception {
        return mvc.perform(post("/apply/phone").with(csrf()).session(applied.session()).param("code", code).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();
    }

    private MvcResult resend(Applied applied) throws Exception {
        return mvc.perform(post("/apply/phone/resend").with(csrf()).session(applied.session()).param("lang", "en").with(r -> {
            r.setRemoteAddr(applied.client());
            return r;
        })).andExpect(status().is3xxRedirection()).andReturn();
    }

    private boolean phoneConfirmed(Applied applied) {
        return jdbc.sql("select phone_confirmed_at is not null from online_application where reference = ?")
                .param(applied.reference()).query(Boolean.class).single();
    }

    /** Stands in for the minute that must pass between two codes of one application. */
    private void aMinuteLater(Applied applied) {
        jdbc.sql("update online_application set phone_code_expires_at = now() + interval '8 minutes' where reference = ?")
                .param(applied.reference()).update();
    }

    @Test
    void theCodeTextedToThePhoneConfirmsItAndOnlyItsHashIsKept() throws Exception {
        Applied applied = apply();
        assertThat(applied.page()).contains("id=\"phone-code-sent\"");
        String code = phoneCode(applied.phone());
        String page = mvc.perform(get("/apply/track").session(applied.session()).param("lang", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"phone-form\"");
        byte[] kept = jdbc.sql("select phone_code_sha256 from online_application where reference = ?")
                .param(applied.reference()).query(byte[].class).single();
        assertThat(kept).hasSize(32).isNotEqualTo(code.getBytes(StandardCharsets.US_ASCII));

        MvcResult result = enter(applied, code);

        assertThat(result.getFlashMap().get("phoneConfirmed")).isEqualTo(true);
        assertThat(phoneConfirmed(applied)).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'application.phone.confirmed' and actor = ?")
                .param("online:" + applied.reference()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theTextIsInTheApplicationsLanguage() throws Exception {
        Applied applied = apply("ru", client());

        assertThat(SMS.await("\"to\":\"" + applied.phone() + "\"", applied.reference(), "код подтверждения телефона"))
                .isNotNull();
    }

    @Test
    void aWrongCodeConfirmsNothingAndFiveMissesSpendTheCode() throws Exception {
        Applied applied = apply();
        String code = phoneCode(applied.phone());
        String wrong = code.equals("000000") ? "111111" : "000000";

        MvcResult missed = enter(applied, wrong);
        assertThat((String) missed.getFlashMap().get("error")).contains("wrong or has expired");
        for (int i = 0; i < 4; i++) {
            enter(applied, wrong);
        }
        enter(applied, code);

        assertThat(phoneConfirmed(applied)).isFalse();
    }

    @Test
    void anExpiredCodeConfirmsNothing() throws Exception {
        Applied applied = apply();
        String code = phoneCode(applied.phone());
        jdbc.sql("update online_application set phone_code_expires_at = now() - interval '1 second' where reference = ?")
                .param(applied.reference()).update();

        enter(applied, code);

        assertThat(phoneConfirmed(applied)).isFalse();
    }

    @Test
    void aSecondCodeWithinAMinuteIsRefused() throws Exception {
        Applied applied = apply();

        MvcResult again = resend(applied);

        assertThat((String) again.getFlashMap().get("error")).contains("less than a minute ago");
    }

    @Test
    void oneNumberGetsAtMostFiveCodesAnHour() throws Exception {
        Applied applied = apply();
        for (int i = 0; i < 4; i++) {
            aMinuteLater(applied);
            assertThat(resend(applied).getFlashMap().get("phoneCodeSent")).isEqualTo(true);
        }
        aMinuteLater(applied);

        MvcResult sixth = resend(applied);

        assertThat((String) sixth.getFlashMap().get("error")).contains("Too many codes");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'application.phone.code' and actor = ?")
                .param("online:" + applied.reference()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void oneClientAddressGetsAtMostTenCodesAnHour() throws Exception {
        String client = client();
        for (int n = 0; n < 2; n++) {
            Applied applied = apply("uz", client);
            for (int i = 0; i < 4; i++) {
                aMinuteLater(applied);
                assertThat(resend(applied).getFlashMap().get("phoneCodeSent")).isEqualTo(true);
            }
        }

        Applied third = apply("uz", client);
        MvcResult refused = resend(third);

        assertThat(third.page()).doesNotContain("id=\"phone-code-sent\"");
        assertThat((String) refused.getFlashMap().get("error")).contains("Too many codes");
        assertThat(jdbc.sql("select phone_code_sha256 is null from online_application where reference = ?")
                .param(third.reference()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void theRemoteCheckWaitsForThePhoneAsWellAsTheEmail() throws Exception {
        Applied applied = apply();
        String mailed = ApplyOnlineTest.codeIn(awaitMail(applied.email(), "e-mail manzilingizni tasdiqlang"));
        mvc.perform(post("/apply/email").with(csrf()).session(applied.session()).param("code", mailed))
                .andExpect(status().is3xxRedirection());

        MvcResult refused = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((String) refused.getFlashMap().get("error")).contains("Confirm your phone number");
        assertThat(refused.getFlashMap().get("captureUrl")).isNull();

        enter(applied, phoneCode(applied.phone()));
        MvcResult started = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(started.getFlashMap().get("captureUrl")).isNotNull();
    }

    @Test
    void theRegistrarsQueueSaysWhetherThePhoneIsConfirmed() throws Exception {
        Applied applied = apply();
        long centre = jdbc.sql("select centre_id from online_application where reference = ?").param(applied.reference())
                .query(Long.class).single();
        var own = operators.operator(centre, "x", Actor.Role.REGISTRAR);

        String before = mvc.perform(get("/online-applications").param("q", applied.reference()).param("lang", "en")
                .with(Operators.as(own))).andReturn().getResponse().getContentAsString();
        enter(applied, phoneCode(applied.phone()));
        String after = mvc.perform(get("/online-applications").param("q", applied.reference()).param("lang", "en")
                .with(Operators.as(own))).andReturn().getResponse().getContentAsString();

        assertThat(before).contains("class=\"phone-state\">not confirmed<");
        assertThat(after).contains("class=\"phone-state\">confirmed<");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theCodeReachesNoLog(CapturedOutput output) throws Exception {
        var logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loggers = List.of("uz.eimzo", "org.springframework.web", "jdk.internal.httpclient");
        loggers.forEach(l -> logging.setLogLevel(l, LogLevel.DEBUG));
        Applied applied;
        String code;
        try {
            applied = apply();
            code = phoneCode(applied.phone());
            enter(applied, code);
        } finally {
            loggers.forEach(l -> logging.setLogLevel(l, null));
        }

        assertThat(phoneConfirmed(applied)).isTrue();
        assertThat(output.getAll()).doesNotContain(code);
    }
}
