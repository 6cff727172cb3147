package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RecordingSmsGateway;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With SMS on ({@code eimzo.sms.*}, a local stand-in gateway): the status notices and the one-time collection code
 * also go to the phone the application was made with, in its language, and the code reaches no log.
 */
class ApplicationSmsTest extends MailingRaTestBase {

    record Applied(String reference, String secret, String phone, String email, MockHttpSession session) {
    }

    private Applied apply(long centre) throws Exception {
        String email = email();
        String phone = "+99893" + (1000000 + new SecureRandom().nextInt(8999999));
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(post("/apply/submit").with(csrf()).session(session).with(r -> {
                    r.setRemoteAddr(client());
                    return r;
                })
                .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                .param("pinfl", ApplyOnlineTest.femalePinfl()).param("documentType", "PASSPORT")
                .param("documentNumber", "AB1234567").param("phone", phone).param("email", email)
                .param("representative", "false").param("centreId", String.valueOf(centre)).param("keyOption", "CSR")
                .param("purposes", "1.2.860.3.2.2.1.2.1")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        Matcher secret = ApplyOnlineTest.SECRET.matcher(page);
        assertThat(reference.find() && secret.find()).isTrue();
        return new Applied(reference.group(), secret.group(1), phone, email, session);
    }

    private void confirmAtTheCentre(Applied applied, long centre) throws Exception {
        mvc.perform(post("/online-applications/" + applied.reference() + "/confirm").with(csrf())
                        .with(Operators.as(operators.operator(centre, "x", Actor.Role.REGISTRAR)))
                        .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                        .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                        .param("pinfl", jdbc.sql("select pinfl from online_application where reference = ?")
                                .param(applied.reference()).query(String.class).single())
                        .param("documentType", "PASSPORT").param("documentNumber", "AB1234567").param("phone", applied.phone())
                        .param("email", applied.email()).param("representative", "false").param("documentsChecked", "true"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void theStatusNoticesGoToTheApplicantsPhoneThroughTheGateway() throws Exception {
        long centre = operators.centre(false);
        Applied applied = apply(centre);

        // The phone's confirmation code goes first; the notice follows from the sweep.
        RecordingSmsGateway.Received received = SMS.await("\"to\":\"" + applied.phone() + "\"", applied.reference(),
                "Qabul qilindi");
        assertThat(received.authorization()).isEqualTo("Bearer test-gateway-token");
        assertThat(received.body()).doesNotContain(applied.secret());

        confirmAtTheCentre(applied, centre);
        SMS.await("\"to\":\"" + applied.phone() + "\"", applied.reference(), "Shaxs tasdiqlandi");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theCollectionCodeGoesToThePhoneAsWellAsTheMailboxAndReachesNoLog(CapturedOutput output) throws Exception {
        long centre = operators.centre(false);
        Applied applied = apply(centre);
        confirmAtTheCentre(applied, centre);
        mvc.perform(post("/apply/track").with(csrf()).session(applied.session())
                .param("reference", applied.reference()).param("secret", applied.secret()));
        var logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loggers = List.of("uz.eimzo", "org.springframework.web", "jdk.internal.httpclient");
        loggers.forEach(l -> logging.setLogLevel(l, LogLevel.DEBUG));
        String mailed;
        try {
            mvc.perform(post("/apply/code").with(csrf()).session(applied.session())).andExpect(status().is3xxRedirection());
            mailed = ApplyOnlineTest.codeIn(awaitMail(applied.email(), "bir martalik kod"));
        } finally {
            loggers.forEach(l -> logging.setLogLevel(l, null));
        }

        RecordingSmsGateway.Received texted = SMS.await("\"to\":\"" + applied.phone() + "\"", mailed);
        assertThat(texted.body()).contains(applied.reference());
        assertThat(output.getAll()).doesNotContain(mailed);
    }

    @Test
    void aPhoneNumberThatIsNotUzbekIsAFieldErrorBeforeAnySms() throws Exception {
        String page = mvc.perform(post("/apply/submit").with(csrf()).param("lang", "en").with(r -> {
                    r.setRemoteAddr(client());
                    return r;
                })
                .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                .param("birthDate", "1990-03-15").param("sex", "F").param("pinfl", ApplyOnlineTest.femalePinfl())
                .param("documentType", "PASSPORT").param("documentNumber", "AB1234567").param("phone", "+79001234567")
                .param("email", email()).param("representative", "false")
                .param("centreId", String.valueOf(operators.centre(false))).param("keyOption", "CSR")
                .param("purposes", "1.2.860.3.2.2.1.2.1"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(Pattern.compile("\\+998").matcher(page).find()).isTrue();
        assertThat(SMS.received()).noneMatch(r -> r.body().contains("79001234567"));
    }
}
