package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RunningRa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * SMS off (the default outside the demo): no code is texted, the phone stays unconfirmed and the tracking page and the
 * registrars' queue say so, and the remote check needs the e-mail address only. Its own application context and
 * database, since the setting is read at start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "eimzo.ra.issuing-ca=demo-issuing",
                "eimzo.sms.enabled=false"})
@AutoConfigureMockMvc
class PhoneWithoutSmsTest extends RunningRa {

    static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    static final Path DIRECTORY = temporaryDirectory("eimzo-phone-without-sms-test");
    static final String PERSONAL_DATA_KEY = randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        environment(registry, DATABASE, DIRECTORY, PERSONAL_DATA_KEY);
    }

    record Applied(String reference, String email, long centre, MockHttpSession session, String page) {
    }

    private Applied apply() throws Exception {
        long centre = operators.centre(false);
        String email = "telefonsiz" + System.nanoTime() + "@example.uz";
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(post("/apply/submit").with(csrf()).session(session).with(r -> {
                            r.setRemoteAddr("10.98.0." + (1 + new SecureRandom().nextInt(250)));
                            return r;
                        })
                        .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                        .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                        .param("pinfl", ApplyOnlineTest.femalePinfl()).param("documentType", "PASSPORT")
                        .param("documentNumber", "AB1234567").param("phone", "+99895" + (1000000 + new SecureRandom().nextInt(8999999)))
                        .param("email", email).param("representative", "false").param("centreId", String.valueOf(centre))
                        .param("keyOption", "BROWSER_KEY").param("purposes", "1.2.860.3.2.2.1.2.1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        assertThat(reference.find()).isTrue();
        return new Applied(reference.group(), email, centre, session, page);
    }

    @Test
    void noCodeIsTextedAndThePhoneIsMarkedUnconfirmedOnTheTrackingPageAndInTheQueue() throws Exception {
        Applied applied = apply();

        String tracking = mvc.perform(get("/apply/track").session(applied.session()).param("lang", "en"))
                .andReturn().getResponse().getContentAsString();
        Actor registrar = operators.operator(applied.centre(), "x", Actor.Role.REGISTRAR);
        String queue = mvc.perform(get("/online-applications").param("q", applied.reference()).param("lang", "en")
                .with(Operators.as(registrar))).andReturn().getResponse().getContentAsString();

        assertThat(applied.page()).doesNotContain("id=\"phone-code-sent\"");
        assertThat(tracking).contains("id=\"phone-unconfirmed\"").contains("The phone number is not confirmed")
                .doesNotContain("id=\"phone-form\"");
        assertThat(queue).contains("class=\"phone-state\">not confirmed<");
        assertThat(Files.exists(DIRECTORY.resolve("demo-sms"))).isFalse();
    }

    @Test
    void theRemoteCheckStartsWithTheEmailConfirmedAlone() throws Exception {
        Applied applied = apply();
        mvc.perform(post("/apply/email").with(csrf()).session(applied.session()).param("code", mailedCode(applied.email())))
                .andExpect(status().is3xxRedirection());

        MvcResult started = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(started.getFlashMap().get("captureUrl")).as("error: %s", started.getFlashMap().get("error")).isNotNull();
    }

    /** The e-mail confirmation code from the demo mailbox (no SMTP server here). */
    private static String mailedCode(String email) throws Exception {
        Path mailbox = DIRECTORY.resolve("demo-mailbox");
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(until)) {
            if (Files.isDirectory(mailbox)) {
                try (Stream<Path> files = Files.list(mailbox)) {
                    List<Path> mine = files.filter(f -> f.getFileName().toString().contains(email)).toList();
                    for (Path file : mine) {
                        Matcher code = Pattern.compile("\\b([0-9]{4}-[0-9]{4})\\b").matcher(Files.readString(file));
                        if (code.find()) {
                            return code.group(1);
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No e-mail code for " + email);
    }
}
