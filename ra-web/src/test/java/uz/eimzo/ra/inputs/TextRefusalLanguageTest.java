package uz.eimzo.ra.inputs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A text refusal reads in the operator's language, on the registration form and on a workflow button. */
class TextRefusalLanguageTest extends RaTestBase {

    Actor registrar;
    Actor supervisor;
    Api registrarApi;

    @BeforeEach
    void operators() {
        long centre = operators.centre(true);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        registrarApi = new Api(port, jdbc, registrar);
    }

    @Test
    void bidiCharacterInTheDistrictIsNamedInRussianAtTheField() throws Exception {
        String page = mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf()).param("lang", "ru")
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Aliyev")
                        .param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998901234567").param("district", "Yunusobod\u2067").param("representative", "false"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Содержит символ смены направления текста");
    }

    @Test
    void overLongRejectionReasonIsRefusedInEnglishAndTheRequestStaysSubmitted() throws Exception {
        long id = Api.id(registrarApi.post("/api/requests", Api.individual(Operators.pinfl(), "")));
        var result = mvc.perform(post("/requests/" + id + "/reject").with(Operators.as(supervisor)).with(csrf())
                .param("lang", "en").param("reason", "x".repeat(1001))).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + id);
        assertThat(String.valueOf(result.getFlashMap().get("error"))).startsWith("Too long");
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(id).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }
}
