package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The application form when the typed person differs from the stored one: the operator sees the stored values next to
 * the typed ones and must confirm before anything is saved; earlier requests keep their data either way.
 */
class IdentityChangePagesTest extends RaTestBase {

    Actor registrar;
    Actor otherCentre;

    @BeforeEach
    void registrars() {
        registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        otherCentre = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
    }

    private static MockHttpServletRequestBuilder person(Actor actor, String pinfl, String surname, String district) {
        return post("/requests").with(Operators.as(actor)).with(csrf())
                .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", surname)
                .param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M").param("pinfl", pinfl)
                .param("documentType", "PASSPORT").param("documentNumber", "AC1234567").param("district", district)
                .param("phone", "+998901234567").param("representative", "false");
    }

    private long requests() {
        return jdbc.sql("select count(*) from certificate_request").query(Long.class).single();
    }

    @Test
    void changedPersonIsShownBesideTheStoredOneAndNothingIsSavedUntilConfirmed() throws Exception {
        String pinfl = Operators.pinfl();
        String first = mvc.perform(person(registrar, pinfl, "Aliyev", "Yunusobod")).andReturn().getResponse().getRedirectedUrl();
        long before = requests();

        String page = mvc.perform(person(otherCentre, pinfl, "Mallory", "Yunusobod").param("lang", "ru"))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Введённые данные отличаются от сохранённых", "Aliyev", "Mallory",
                "name=\"confirmIdentityChange\"").doesNotContain("Yunusobod</td>");
        assertThat(requests()).isEqualTo(before);
        assertThat(jdbc.sql("select surname from applicant where pinfl = ?").param(pinfl).query(String.class).single())
                .isEqualTo("Aliyev");

        String second = mvc.perform(person(otherCentre, pinfl, "Mallory", "Yunusobod").param("confirmIdentityChange", "true"))
                .andReturn().getResponse().getRedirectedUrl();

        assertThat(second).matches("/requests/\\d+");
        assertThat(mvc.perform(get(first).with(Operators.as(registrar))).andReturn().getResponse().getContentAsString())
                .contains("Aliyev").doesNotContain("Mallory");
        assertThat(jdbc.sql("select version from applicant where pinfl = ?").param(pinfl).query(Integer.class).single())
                .isEqualTo(2);
    }
}
