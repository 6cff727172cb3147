package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 18, defects 2 and 3: what the operator typed or pasted is never silently dropped. A pasted CSR with the
 * server-key option is refused, not ignored; a refused CSR comes back in its box with its option; an incomplete
 * application can be saved as a draft; switching the applicant type keeps the typed fields.
 */
class FormKeepsWhatWasTypedTest extends RaTestBase {

    Actor registrar;

    @BeforeEach
    void registrar() {
        registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
    }

    private MockHttpServletRequestBuilder form(String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("formToken", UUID.randomUUID().toString());
        values.put("type", "INDIVIDUAL");
        values.put("representative", "false");
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf());
        values.forEach(request::param);
        return request;
    }

    private long submittedIndividual() throws Exception {
        String location = mvc.perform(form("surname", "Aliyev", "givenName", "Vali", "birthDate", "1990-03-15", "sex", "M",
                        "pinfl", Operators.pinfl(), "documentType", "PASSPORT", "documentNumber", "AC1234567",
                        "phone", "+998 90 123 45 67", "representative", "false"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.replace("/requests/", ""));
    }

    private String statusOf(long id) {
        return jdbc.sql("select status from certificate_request where id = ?").param(id).query(String.class).single();
    }

    @Test
    void aCsrPastedWhileTheServerKeyOptionIsChosenIsRefusedAndNothingIsIssued() throws Exception {
        long id = submittedIndividual();
        String csr = Csrs.pem(KeyAlgorithm.EC_P256.generate(new SecureRandom()));

        mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").param("csrText", csr)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", containsString("PKCS#10 so‘rovi joylashtirilgan")));

        assertThat(statusOf(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void aRefusedCsrComesBackInItsBoxWithItsOptionChosen() throws Exception {
        long id = submittedIndividual();
        MvcResult refused = mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "CSR")
                        .param("csrText", "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----")
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        mvc.perform(get("/requests/" + id).flashAttrs(refused.getFlashMap()).with(Operators.as(registrar)))
                .andExpect(content().string(containsString("bm90IGEgY3Ny")))
                .andExpect(content().string(containsString("value=\"CSR\" checked")))
                .andExpect(content().string(not(containsString("value=\"SERVER_KEY\" checked"))));
    }

    @Test
    void theDraftButtonSkipsTheBrowsersRequiredFieldChecks() throws Exception {
        mvc.perform(get("/requests/new").with(Operators.as(registrar)))
                .andExpect(content().string(containsString("name=\"action\" value=\"draft\" formnovalidate")));
    }

    @Test
    void anIncompleteApplicationIsSavedAsADraftAndOpensAgainWithWhatWasTyped() throws Exception {
        long requestsBefore = jdbc.sql("select count(*) from certificate_request").query(Long.class).single();

        String draft = mvc.perform(form("action", "draft", "surname", "Qodirova", "givenName", "", "pinfl", ""))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        assertThat(draft).matches("/requests/new\\?draft=\\d+");
        assertThat(jdbc.sql("select count(*) from certificate_request").query(Long.class).single()).isEqualTo(requestsBefore);
        mvc.perform(get(draft).with(Operators.as(registrar)))
                .andExpect(content().string(containsString("value=\"Qodirova\"")));
        mvc.perform(get("/requests").with(Operators.as(registrar)))
                .andExpect(content().string(containsString("Qodirova")));
    }

    @Test
    void aDraftCompletedAndSubmittedBecomesARequestAndLeavesTheDraftList() throws Exception {
        String draft = mvc.perform(form("action", "draft", "surname", "Yusupov"))
                .andReturn().getResponse().getRedirectedUrl();
        String draftId = draft.replaceAll(".*draft=", "");

        mvc.perform(form("draftId", draftId, "surname", "Yusupov", "givenName", "Anvar", "birthDate", "1990-03-15",
                        "sex", "M", "pinfl", Operators.pinfl(), "documentType", "PASSPORT", "documentNumber", "AC1234567",
                        "phone", "+998 90 123 45 67", "representative", "false"))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("select count(*) from application_draft where id = ?").param(Long.parseLong(draftId))
                .query(Long.class).single()).isZero();
    }

    @Test
    void anotherCentresDraftDoesNotOpen() throws Exception {
        String draft = mvc.perform(form("action", "draft", "surname", "Sirli")).andReturn().getResponse().getRedirectedUrl();
        Actor stranger = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);

        mvc.perform(get(draft).with(Operators.as(stranger))).andExpect(status().isNotFound());
    }

    @Test
    void switchingTheApplicantTypeKeepsWhatWasTyped() throws Exception {
        mvc.perform(form("switchType", "LEGAL_ENTITY", "surname", "Karimova", "givenName", "Dilnoza", "pinfl", "31503901234567"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Karimova\"")))
                .andExpect(content().string(containsString("value=\"Dilnoza\"")))
                .andExpect(content().string(containsString("value=\"31503901234567\"")))
                .andExpect(content().string(containsString("id=\"organisationStir\"")))
                .andExpect(content().string(not(containsString("Ariza xatolari bor"))));
    }
}
