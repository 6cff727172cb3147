package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.PolicyOids;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the certificate is for: the applicant chooses among the purposes (certificate policies) of their applicant
 * type's profile; the choice travels with the application into the ordinary request, the supervisor sees it before
 * approving, and the certificate carries exactly those policies. A purpose the profile does not offer, or none at all,
 * is a field error and writes nothing.
 */
class CertificatePurposesTest extends MailingRaTestBase {

    static final String REPORTING = "1.2.860.3.2.2.1.2.1";
    static final String PAYMENTS = "1.2.860.3.2.2.1.2.3";

    @Autowired
    Registrations registrations;

    private MockHttpServletRequestBuilder form(long centre, String email, String... purposes) {
        MockHttpServletRequestBuilder form = post("/apply/submit").with(csrf()).with(r -> {
                    r.setRemoteAddr(client());
                    return r;
                })
                .param("type", "INDIVIDUAL").param("surname", "Karimova").param("givenName", "Dilnoza")
                .param("patronymic", "Rustamovna").param("birthDate", "1990-03-15").param("sex", "F")
                .param("pinfl", ApplyOnlineTest.femalePinfl()).param("documentType", "PASSPORT").param("documentNumber", "AB1234567")
                .param("phone", "+99890" + (1000000 + new SecureRandom().nextInt(8999999)))
                .param("email", email).param("representative", "false").param("centreId", String.valueOf(centre))
                .param("keyOption", "CSR");
        return purposes.length == 0 ? form : form.param("purposes", purposes);
    }

    private int applications() {
        return jdbc.sql("select count(*) from online_application").query(Integer.class).single();
    }

    @Test
    void theFormOffersThePurposesOfTheApplicantTypesProfile() throws Exception {
        String page = mvc.perform(get("/apply").param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("name=\"purposes\" value=\"" + REPORTING + "\"").contains("e-reporting")
                .contains("name=\"purposes\" value=\"" + PAYMENTS + "\"");
    }

    @Test
    void theChosenPurposesReachTheSupervisorAndExactlyThoseAreSigned() throws Exception {
        long centre = operators.centre(true);
        String email = email();
        MockHttpSession session = new MockHttpSession();
        String received = mvc.perform(form(centre, email, REPORTING, PAYMENTS).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(received);
        assertThat(reference.find()).isTrue();
        Actor registrar = operators.operator(centre, "x", Actor.Role.REGISTRAR);
        Actor supervisor = operators.operator(centre, "x", Actor.Role.SUPERVISOR);

        String location = mvc.perform(post("/online-applications/" + reference.group() + "/confirm").with(csrf())
                        .with(Operators.as(registrar)).param("type", "INDIVIDUAL").param("surname", "Karimova")
                        .param("givenName", "Dilnoza").param("patronymic", "Rustamovna").param("birthDate", "1990-03-15")
                        .param("sex", "F").param("pinfl", jdbc.sql("select pinfl from online_application where reference = ?")
                                .param(reference.group()).query(String.class).single())
                        .param("documentType", "PASSPORT").param("documentNumber", "AB1234567").param("phone", "+998901112233")
                        .param("email", email).param("representative", "false").param("documentsChecked", "true"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long request = Long.parseLong(location.replaceAll(".*/requests/", ""));
        String page = mvc.perform(get("/requests/" + request).with(Operators.as(supervisor)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"purposes\"").contains(REPORTING).contains(PAYMENTS)
                .doesNotContain("1.2.860.3.2.2.1.2.2").doesNotContain("1.2.860.3.2.2.1.2.4");

        registrations.approve(supervisor, request);
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var issued = registrations.issue(registrar, request, KeyOption.CSR,
                Csrs.pem(key).getBytes());

        assertThat(PolicyOids.of(issued.certificate().certificate())).containsExactly(REPORTING, PAYMENTS);
    }

    @Test
    void theChoiceCannotChangeAfterApproval() throws Exception {
        long centre = operators.centre(true);
        String email = email();
        String received = mvc.perform(form(centre, email, REPORTING)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(received);
        assertThat(reference.find()).isTrue();
        Actor registrar = operators.operator(centre, "x", Actor.Role.REGISTRAR);
        String location = mvc.perform(post("/online-applications/" + reference.group() + "/confirm").with(csrf())
                        .with(Operators.as(registrar)).param("type", "INDIVIDUAL").param("surname", "Karimova")
                        .param("givenName", "Dilnoza").param("patronymic", "Rustamovna").param("birthDate", "1990-03-15")
                        .param("sex", "F").param("pinfl", jdbc.sql("select pinfl from online_application where reference = ?")
                                .param(reference.group()).query(String.class).single())
                        .param("documentType", "PASSPORT").param("documentNumber", "AB1234567").param("phone", "+998901112233")
                        .param("email", email).param("representative", "false").param("documentsChecked", "true"))
                .andReturn().getResponse().getRedirectedUrl();
        long request = Long.parseLong(location.replaceAll(".*/requests/", ""));
        registrations.approve(operators.operator(centre, "x", Actor.Role.SUPERVISOR), request);

        assertThatThrownBy(() -> jdbc.sql("update certificate_request set purposes = array['" + PAYMENTS + "'] where id = ?")
                .param(request).update()).hasMessageContaining("purposes of a request are fixed");
    }

    @Test
    void aPurposeTheProfileDoesNotOfferIsAFieldErrorInTheApplicantsLanguageAndWritesNothing() throws Exception {
        int before = applications();

        String page = mvc.perform(form(operators.centre(false), email(), "1.2.3.4").param("lang", "ru")
                        .locale(Locale.forLanguageTag("ru")))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"purposes-error\"").contains("назначени");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void noPurposeAtAllIsAFieldError() throws Exception {
        int before = applications();

        String page = mvc.perform(form(operators.centre(false), email()).param("lang", "en"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"purposes-error\"");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void theJsonApplicationTakesPurposesAndRefusesAnUnknownOne() throws Exception {
        String body = mvc.perform(post("/api/applications").contentType("application/json").content("""
                        {"applicant": {"type": "INDIVIDUAL", "surname": "Karimova", "givenName": "Dilnoza",
                          "patronymic": "Rustamovna", "birthDate": "1990-03-15", "sex": "F", "pinfl": "%s",
                          "documentType": "PASSPORT", "documentNumber": "AB1234567", "phone": "+998901234567",
                          "email": "%s", "representative": false},
                         "centreId": %d, "keyOption": "CSR", "purposes": ["9.9.9"]}"""
                        .formatted(ApplyOnlineTest.femalePinfl(), email(), operators.centre(false))).with(r -> {
                            r.setRemoteAddr(client());
                            return r;
                        }))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(body).contains("\"field\":\"purposes\"");
    }
}
