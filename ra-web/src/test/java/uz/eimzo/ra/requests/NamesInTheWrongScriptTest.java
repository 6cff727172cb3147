package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Names are certified in Latin script (ca-core's Subject). A name typed in Cyrillic, or with a Cyrillic letter among
 * Latin ones (they look alike: а/a, о/o, с/c), is told apart from other mistakes, in the reader's language, saying what
 * to do, and together with every other error of the form (not only once the rest is right). Nothing is saved.
 */
class NamesInTheWrongScriptTest extends RaTestBase {

    Actor registrar;

    @BeforeEach
    void registrar() {
        registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
    }

    private String posted(String surname, String givenName, String phone, String lang) throws Exception {
        return mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf()).param("lang", lang)
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", surname)
                        .param("givenName", givenName).param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", phone).param("representative", "false"))
                .andReturn().getResponse().getContentAsString();
    }

    private long requests() {
        return jdbc.sql("select count(*) from certificate_request where registrar_id = ?").param(registrar.operatorId())
                .query(Long.class).single();
    }

    @Test
    void aNameInCyrillicIsToldToBeTypedInLatinTogetherWithTheOtherErrors() throws Exception {
        String page = posted("Назаров", "Бобур", "123", "uz");

        assertThat(page).contains("Familiya kirill yozuvida kiritilgan").contains("Ism kirill yozuvida kiritilgan")
                .contains("lotin yozuvida").contains("Telefon +998 va 9 ta raqam bo‘lishi kerak");
        assertThat(requests()).isZero();
    }

    @Test
    void aCyrillicLetterAmongLatinOnesIsNamed() throws Exception {
        // The second letter is the Cyrillic а (U+0430), which looks like the Latin a.
        String page = posted("N\u0430zarov", "Bobur", "+998 90 123 45 67", "uz");

        assertThat(page).contains("Familiyada lotin harflari orasida kirill harfi bor");
        assertThat(requests()).isZero();
    }

    @Test
    void theAdviceIsInRussianAndEnglishToo() throws Exception {
        assertThat(posted("Назаров", "Bobur", "+998 90 123 45 67", "ru")).contains("Фамилия введена кириллицей");
        assertThat(posted("Назаров", "Bobur", "+998 90 123 45 67", "en")).contains("The surname is typed in Cyrillic");
        assertThat(posted("Bobur", "B\u043eb\u0443r", "+998 90 123 45 67", "en"))
                .contains("The given name has Cyrillic letters among Latin ones");
    }
}
