package uz.eimzo.ra.home;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 18, defects 9, 10 and 11: an Uzbek or Russian page has no English codes in it, every date and time is written
 * one way (Tashkent time, day first, the zone said), and one thing has one name.
 */
class PagesSpeakTheReadersLanguageTest extends RaTestBase {

    /** How every page writes a moment: 07.12.2026 22:05:13 (UTC+5). */
    static final Pattern MOMENT = Pattern.compile("\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d \\(UTC\\+5\\)");
    /** What pages must not write: ISO instants, nanoseconds, a yyyy-MM-dd HH:mm time without its zone. */
    static final Pattern OTHER_MOMENT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d|\\d\\d:\\d\\d:\\d\\d\\.\\d+|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");

    Actor registrar;
    Actor supervisor;
    Actor auditor;

    @BeforeEach
    void staff() {
        long centre = operators.centre(false);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        auditor = operators.operator(centre, "p", Actor.Role.AUDITOR);
    }

    private long registered() throws Exception {
        MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf())
                .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Aliyev")
                .param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M").param("pinfl", Operators.pinfl())
                .param("documentType", "PASSPORT").param("documentNumber", "AC1234567").param("phone", "+998 90 123 45 67")
                .param("representative", "false");
        return Long.parseLong(mvc.perform(request).andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
    }

    /** The page of a certificate issued with a server-made key. */
    private String certificatePage(String lang) throws Exception {
        long id = registered();
        mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(new MockHttpSession())
                .with(Operators.as(registrar)).with(csrf())).andExpect(status().isOk());
        String serial = jdbc.sql("select to_hex_serial from (select issued_serial::text as to_hex_serial from certificate_request where id = ?) s")
                .param(id).query(String.class).single();
        String hex = new java.math.BigInteger(serial).toString(16);
        return page(get("/certificates/demo-issuing/" + hex).param("lang", lang), supervisor);
    }

    private String page(MockHttpServletRequestBuilder request, Actor as) throws Exception {
        return mvc.perform(request.with(Operators.as(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/i18n", name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void theAuditLogNamesActionsOutcomesAndDetailsInUzbek() throws Exception {
        registered();
        String page = page(get("/audit").param("actor", registrar.username()), auditor);

        assertThat(page).contains("Ariza ro‘yxatga olindi").contains("Muvaffaqiyatli").contains("Holati")
                .doesNotContain(">request.register<").doesNotContain(">SUCCESS<").doesNotContain("\"status\"");
    }

    @Test
    void theAuditFilterFindsAnActionByItsWordsInTheReadersLanguage() throws Exception {
        registered();
        assertThat(page(get("/audit").param("actor", registrar.username()).param("action", "ro‘yxatga olindi"), auditor))
                .contains("Ariza ro‘yxatga olindi");
    }

    @Test
    void aCertificatesProfileIsNamedInRussianOnARussianPage() throws Exception {
        assertThat(certificatePage("ru")).contains("Физическое лицо").doesNotContain(">individual<");
    }

    @Test
    void everyPatternFieldSaysWhatItTakes() throws Exception {
        for (String form : new String[]{page(get("/requests/new").param("type", "LEGAL_ENTITY"), registrar),
                page(get("/admin"), operators.operator(operators.centre(false), "p", Actor.Role.ADMINISTRATOR))}) {
            Matcher input = Pattern.compile("<input[^>]*pattern=[^>]*>").matcher(form);
            int seen = 0;
            while (input.find()) {
                seen++;
                assertThat(input.group()).as("browser's own English message for %s", input.group()).contains("title=\"");
            }
            assertThat(seen).isPositive();
        }
    }

    @Test
    void certificateDatesAreTashkentTimeWithTheZoneSaid() throws Exception {
        String page = certificatePage("uz");
        assertThat(MOMENT.matcher(page).results().count()).isEqualTo(2);
        assertThat(page).containsPattern("23:59:59 \\(UTC\\+5\\)");
        assertThat(OTHER_MOMENT.matcher(page).find()).isFalse();
    }

    @Test
    void theCaPageTheAuditLogAndTheEnrollmentCodeWriteMomentsTheSameWay() throws Exception {
        long id = registered();
        var code = mvc.perform(post("/requests/" + id + "/enrollment-code").with(Operators.as(registrar)).with(csrf()))
                .andReturn().getFlashMap();
        String request = mvc.perform(get("/requests/" + id).flashAttrs(code).with(Operators.as(registrar)))
                .andReturn().getResponse().getContentAsString();
        String audit = page(get("/audit").param("actor", registrar.username()), auditor);
        String authorities = page(get("/ca"), registrar);

        for (String page : new String[]{request, audit, authorities}) {
            assertThat(MOMENT.matcher(page).find()).isTrue();
            assertThat(OTHER_MOMENT.matcher(page).find()).as(page).isFalse();
        }
    }

    @Test
    void revokingACertificateIsNamedForWhatItDoesNotAsABareCancel() throws Exception {
        assertThat(certificatePage("uz")).contains("Sertifikatni bekor qilish");
        for (String bundle : new String[]{"messages.properties", "messages_ru.properties", "messages_en.properties"}) {
            assertThat(bundle(bundle).values()).as(bundle).doesNotContain("Bekor qilish", "Отменить", "Cancel");
        }
    }

    @Test
    void oneReasonAndOnePersonHaveOneNameInUzbek() throws Exception {
        Properties uz = bundle("messages.properties");
        assertThat(uz.getProperty("selfService.revoke.intro")).contains(uz.getProperty("reason.KEY_COMPROMISE"));
        assertThat(uz.values()).noneMatch(text -> text.toString().contains("obro‘siz"));
        assertThat(uz.values()).noneMatch(text -> text.toString().toLowerCase().contains("arizachi"));
        Properties ru = bundle("messages_ru.properties");
        assertThat(ru.getProperty("selfService.revoke.intro")).containsIgnoringCase(ru.getProperty("reason.KEY_COMPROMISE"));
        Properties en = bundle("messages_en.properties");
        assertThat(en.getProperty("selfService.revoke.intro")).containsIgnoringCase(en.getProperty("reason.KEY_COMPROMISE"));
    }
}
