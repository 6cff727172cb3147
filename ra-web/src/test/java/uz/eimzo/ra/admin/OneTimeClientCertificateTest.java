package uz.eimzo.ra.admin;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An operator's client-certificate file asked for when it is no longer there: a page saying so, not an empty 410. */
class OneTimeClientCertificateTest extends RaTestBase {

    @Test
    void aClientCertificateNoLongerThereIsAPageInTheAdministratorsLanguageWithAWayBack() throws Exception {
        Actor admin = operators.operator(operators.centre(false), "p", Actor.Role.ADMINISTRATOR);

        String page = mvc.perform(get("/admin/client-certificate").param("lang", "en").with(Operators.as(admin)))
                .andExpect(status().isGone()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("lang=\"en\"").contains("<title>").contains("already downloaded")
                .contains("href=\"/admin\"");
    }
}
