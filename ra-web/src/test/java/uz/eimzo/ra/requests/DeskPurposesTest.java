package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.PolicyOids;
import uz.eimzo.ra.support.RaTestBase;

import org.springframework.beans.factory.annotation.Autowired;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The registrar's own request form offers the same choice of purposes as the online application: the purposes of the
 * applicant type's profile, all ticked at first, at least one, none the profile does not offer. The supervisor sees
 * the choice before approving and the certificate carries exactly those policies.
 */
class DeskPurposesTest extends RaTestBase {

    static final String REPORTING = "1.2.860.3.2.2.1.2.1";
    static final String DECLARATIONS = "1.2.860.3.2.2.1.2.2";
    static final String PAYMENTS = "1.2.860.3.2.2.1.2.3";
    static final String TRADES = "1.2.860.3.2.2.1.2.4";

    @Autowired
    Registrations registrations;

    long centre;
    Actor registrar;

    @BeforeEach
    void registrar() {
        centre = operators.centre(true);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
    }

    /** The form as the page posts it: the marker that the choice was offered, and the boxes ticked. */
    private MockHttpServletRequestBuilder individual(String... purposes) {
        MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf())
                .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                .param("surname", "Aliyev").param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M")
                .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                .param("phone", "+998901234567").param("representative", "false").param("purposesOffered", "true");
        return purposes.length == 0 ? request : request.param("purposes", purposes);
    }

    private long requests() {
        return jdbc.sql("select count(*) from certificate_request").query(Long.class).single();
    }

    @Test
    void theFormOffersEveryPurposeOfTheTypesProfileTicked() throws Exception {
        String page = mvc.perform(get("/requests/new").param("lang", "en").with(Operators.as(registrar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        for (String oid : List.of(REPORTING, DECLARATIONS, PAYMENTS, TRADES)) {
            assertThat(page).containsPattern("name=\"purposes\" value=\"" + oid.replace(".", "\\.") + "\"[^>]*checked");
        }
        assertThat(page).contains("name=\"purposesOffered\"").contains("What the certificate is for");
    }

    @Test
    void theChosenPurposesReachTheSupervisorAndExactlyThoseAreSigned() throws Exception {
        String location = mvc.perform(individual(REPORTING, PAYMENTS)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long request = Long.parseLong(location.replaceAll(".*/requests/", ""));
        Actor supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);

        String page = mvc.perform(get(location).with(Operators.as(supervisor))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"purposes\"").contains(REPORTING).contains(PAYMENTS)
                .doesNotContain(DECLARATIONS).doesNotContain(TRADES);
        mvc.perform(post(location + "/approve").with(Operators.as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var issued = registrations.issue(registrar, request, KeyOption.CSR, Csrs.pem(key).getBytes());
        assertThat(PolicyOids.of(issued.certificate().certificate())).containsExactly(REPORTING, PAYMENTS);
    }

    @Test
    void noPurposeTickedIsAFieldErrorInTheOperatorsLanguageWithTheFormKeptAndNothingWritten() throws Exception {
        long before = requests();

        String page = mvc.perform(individual().param("lang", "ru")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"purposes-error\"").contains("Выберите, для чего нужен сертификат")
                .contains("value=\"Aliyev\"");
        assertThat(page).doesNotContainPattern("name=\"purposes\" value=\"[0-9.]+\"[^>]*checked");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void aPurposeTheProfileDoesNotOfferIsRefusedAndWhatWasTickedIsKept() throws Exception {
        long before = requests();

        String page = mvc.perform(individual(PAYMENTS, "1.2.3.4").param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"purposes-error\"").contains("cannot be for this purpose");
        assertThat(page).containsPattern("name=\"purposes\" value=\"" + PAYMENTS.replace(".", "\\.") + "\"[^>]*checked")
                .doesNotContainPattern("name=\"purposes\" value=\"" + REPORTING.replace(".", "\\.") + "\"[^>]*checked");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void aDraftRequestKeepsItsPurposesWhenSubmittedLater() throws Exception {
        String location = mvc.perform(individual(TRADES).param("action", "draft")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long request = Long.parseLong(location.replaceAll(".*/requests/", ""));
        mvc.perform(post(location + "/submit").with(Operators.as(registrar)).with(csrf())).andExpect(status().is3xxRedirection());

        assertThat(registrations.find(registrar, request).purposes()).containsExactly(TRADES);
    }

    @Test
    void anIncompleteDraftKeepsWhatWasTickedWhenOpenedAgain() throws Exception {
        // Only a surname typed so far: not yet a request, so the form itself is kept as a draft.
        String location = mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                        .param("surname", "Aliyev").param("representative", "false").param("purposesOffered", "true")
                        .param("purposes", DECLARATIONS).param("action", "draft"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).contains("/requests/new?draft=");

        String page = mvc.perform(get(location).with(Operators.as(registrar))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).containsPattern("name=\"purposes\" value=\"" + DECLARATIONS.replace(".", "\\.") + "\"[^>]*checked")
                .doesNotContainPattern("name=\"purposes\" value=\"" + REPORTING.replace(".", "\\.") + "\"[^>]*checked");
    }
}
