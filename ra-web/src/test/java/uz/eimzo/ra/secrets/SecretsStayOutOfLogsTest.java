package uz.eimzo.ra.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.operator.Totp;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A full scenario (sign-in with password and one-time code, a failed sign-in, registration with a passport
 * number, server-side key generation) and then a look through everything the application printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTest extends RaTestBase {

    static final String PASSWORD = "Maxfiy-Parol-7788";
    static final String PASSPORT = "AZ7654321";

    @Test
    void logsOfAFullScenarioContainNoPasswordsCodesKeysOrPassportNumbers(CapturedOutput output) throws Exception {
        // At DEBUG, so that whatever our code or the frameworks would say about a request is said.
        var logging = org.springframework.boot.logging.LoggingSystem.get(getClass().getClassLoader());
        for (String logger : java.util.List.of("uz.eimzo", "org.springframework.security", "org.springframework.web")) {
            logging.setLogLevel(logger, org.springframework.boot.logging.LogLevel.DEBUG);
        }
        try {
            scenario(output);
        } finally {
            for (String logger : java.util.List.of("uz.eimzo", "org.springframework.security", "org.springframework.web")) {
                logging.setLogLevel(logger, null);
            }
        }
    }

    private void scenario(CapturedOutput output) throws Exception {
        Actor registrar = operators.operator(operators.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        directory.confirmTotp(registrar.operatorId());
        byte[] secret = directory.totpSecret(directory.byUsername(registrar.username()).orElseThrow());
        String code = Totp.code(secret, Instant.now());

        mvc.perform(post("/login").param("username", registrar.username()).param("password", "wrong-" + PASSWORD)
                .param("code", "000000").with(csrf()));
        var signedIn = mvc.perform(post("/login").param("username", registrar.username()).param("password", PASSWORD)
                .param("code", code).with(csrf())).andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();

        String location = mvc.perform(post("/requests").session(session).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                        .param("surname", "Aliyev").param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", PASSPORT)
                        .param("phone", "+998901234567").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/requests/\\d+");
        String page = mvc.perform(post(location + "/issue").session(session).with(csrf()).param("keyOption", "SERVER_KEY"))
                .andReturn().getResponse().getContentAsString();
        String pfxPassword = page.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1");
        assertThat(pfxPassword).hasSize(16);
        mvc.perform(get(location + "/pfx").session(session));

        String logs = output.getAll();
        assertThat(logs).isNotEmpty()
                .doesNotContain(PASSWORD)
                .doesNotContain(PASSPORT)
                .doesNotContain(pfxPassword)
                .doesNotContain(PERSONAL_DATA_KEY)
                .doesNotContain(Totp.base32(secret))
                .doesNotContain("PRIVATE KEY");
        assertThat(logs).as("one-time code next to the word code").doesNotContainPattern("(?i)code\\W{0,3}" + code);
    }
}
