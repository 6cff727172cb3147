package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The paper an applicant signs and takes home: the application form with the data the certificate carries as approved,
 * and the hand-over receipt with the certificate's serial in hexadecimal and, right after issuance, the revocation
 * code and file password in large type; Uzbek unless another language is chosen, laid out for A4.
 */
class PaperTest extends RaTestBase {

    Actor registrar;
    Actor supervisor;
    String pinfl;

    @BeforeEach
    void centre() {
        long centre = operators.centre(true);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        pinfl = Operators.pinfl();
    }

    private long approved() throws Exception {
        long id = Long.parseLong(mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Tursunova")
                        .param("givenName", "Malika").param("birthDate", "1990-03-15").param("sex", "M").param("pinfl", pinfl)
                        .param("documentType", "PASSPORT").param("documentNumber", "AC1234567").param("region", "Toshkent shahri")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
        mvc.perform(post("/requests/" + id + "/approve").with(Operators.as(supervisor)).with(csrf()));
        return id;
    }

    private String page(String path, Actor as, MockHttpSession session, String... lang) throws Exception {
        var request = get(path).with(Operators.as(as)).session(session);
        if (lang.length > 0) {
            request.param("lang", lang[0]);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theApplicationFormCarriesTheApprovedDataInUzbekForA4() throws Exception {
        long id = approved();

        String form = page("/requests/" + id + "/print", registrar, new MockHttpSession());

        assertThat(form).contains("lang=\"uz\"").contains("/css/print.css")
                .contains("Elektron raqamli imzo kaliti sertifikatini berish to‘g‘risida ariza")
                .contains("Tursunova").contains(pinfl).contains("15.03.1990").contains("Toshkent shahri")
                .contains("Nazoratchi tasdiqlagan").contains("Ariza beruvchining imzosi")
                .contains("data:image/svg+xml;base64,");
    }

    @Test
    void eachPaperSwitchesLanguageToItselfAndPrintsWithThePrintStylesheet() throws Exception {
        long id = approved();

        String form = page("/requests/" + id + "/print", registrar, new MockHttpSession());

        assertThat(form).contains("href=\"/requests/" + id + "/print?lang=ru\"").contains("id=\"print\"")
                .contains("<title>Elektron raqamli imzo kaliti sertifikatini berish to‘g‘risida ariza")
                .doesNotContain("/receipt?lang=");
    }

    @Test
    void theApplicationFormIsInRussianWhenAsked() throws Exception {
        long id = approved();
        assertThat(page("/requests/" + id + "/print", registrar, new MockHttpSession(), "ru"))
                .contains("lang=\"ru\"").contains("Заявление на выдачу сертификата").contains("Подпись заявителя");
    }

    @Test
    void theReceiptRightAfterIssuanceHasTheHexSerialTheRevocationCodeAndThePassword() throws Exception {
        long id = approved();
        MockHttpSession session = new MockHttpSession();
        String issued = mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(session)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String password = issued.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1");
        String code = issued.replaceAll("(?s).*id=\"revocation-code\">([^<]+)<.*", "$1");
        String serial = new java.math.BigInteger(jdbc.sql("select issued_serial::text from certificate_request where id = ?")
                .param(id).query(String.class).single()).toString(16);

        String receipt = page("/requests/" + id + "/receipt", registrar, session);

        assertThat(receipt).contains("<code id=\"serial\" class=\"big\">" + serial + "</code>")
                .contains("id=\"receipt-revocation-code\">" + code + "<")
                .contains("id=\"receipt-password\">" + password + "<")
                .contains("/self-service");
    }

    @Test
    void aReceiptPrintedLaterHasTheSerialButNoSecrets() throws Exception {
        long id = approved();
        mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(new MockHttpSession())
                .with(Operators.as(registrar)).with(csrf()));

        String receipt = page("/requests/" + id + "/receipt", registrar, new MockHttpSession());

        assertThat(receipt).contains("id=\"serial\"").doesNotContain("receipt-revocation-code").doesNotContain("receipt-password");
    }

    @Test
    void anotherCentresApplicationDoesNotPrint() throws Exception {
        long id = approved();
        Actor stranger = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        mvc.perform(get("/requests/" + id + "/print").with(Operators.as(stranger))).andExpect(status().isNotFound());
    }
}
