package uz.eimzo.ra.apply;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.RemoteIdentityTypesStore;
import uz.eimzo.ra.myid.MyIdSimulator;
import uz.eimzo.ra.registry.OrganisationRegistrySimulator;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A director applying online for their organisation finishes remotely where the centre allows it and the
 * organisations' register (here its local simulator: the state register is unreachable) names the person MyID verified
 * as the director of the STIR; another director, an unknown STIR or another organisation name stops the application
 * with the reason, a register that cannot be asked decides nothing, and a representative is sent to the centre.
 */
class DirectorRemoteIdentityTest extends MailingRaTestBase {

    @Autowired
    MyIdSimulator myId;
    @Autowired
    OrganisationRegistrySimulator registry;
    @Autowired
    RemoteIdentityTypesStore remoteTypes;

    record Applied(String reference, String pinfl, String stir, MockHttpSession session) {
    }

    @AfterEach
    void registerUp() {
        registry.down(false);
    }

    private static String stir() {
        return "3" + (10000000 + new SecureRandom().nextInt(89999999));
    }

    /** Applies as the director of a new LLC at a centre that lets directors finish remotely; both codes confirmed. */
    private Applied applyAsDirector(boolean representative) throws Exception {
        long centre = operators.centre(false);
        remoteTypes.set("admin", centre, List.of("INDIVIDUAL", "LEGAL_ENTITY"));
        String first13 = "4" + Operators.pinfl().substring(1, 13);
        String pinfl = first13 + Pinfl.checkDigit(first13);
        String stir = stir();
        String email = email();
        String phone = "+99899" + (1000000 + new SecureRandom().nextInt(8999999));
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(post("/apply/submit").with(csrf()).session(session).with(r -> {
                            r.setRemoteAddr(client());
                            return r;
                        })
                        .param("type", "LEGAL_ENTITY").param("surname", "Rahimova").param("givenName", "Zarina")
                        .param("patronymic", "").param("birthDate", "1990-03-15").param("sex", "F").param("pinfl", pinfl)
                        .param("documentType", "ID_CARD").param("documentNumber", "AD1122334").param("phone", phone)
                        .param("email", email).param("organisationStir", stir).param("organisationName", "Ipak Yo'li Savdo")
                        .param("legalForm", "mas'uliyati cheklangan jamiyat").param("position", "Direktor")
                        .param("representative", String.valueOf(representative))
                        .param("powerOfAttorney", representative ? "12-34/2026" : "")
                        .param("centreId", String.valueOf(centre)).param("purposes", "1.2.860.3.2.2.1.2.1")
                        .param("keyOption", "BROWSER_KEY"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        assertThat(reference.find()).as(page).isTrue();
        String code = ApplyOnlineTest.codeIn(awaitMail(email, "e-mail manzilingizni tasdiqlang"));
        mvc.perform(post("/apply/email").with(csrf()).session(session).param("code", code)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/apply/phone").with(csrf()).session(session).param("code", phoneCode(phone)))
                .andExpect(status().is3xxRedirection());
        return new Applied(reference.group(), pinfl, stir, session);
    }

    /** Starts MyID, plays a matching face on the simulator, and comes back; returns the page's model. */
    private MvcResult verifiedByMyId(Applied applied) throws Exception {
        MvcResult started = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String capture = (String) started.getFlashMap().get("captureUrl");
        assertThat(capture).as("error: %s", started.getFlashMap().get("error")).startsWith(myId.base().toString());
        HttpResponse<String> chosen = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(capture))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("outcome=match&last_name=RAHIMOVA&first_name=ZARINA&middle_name=&gender=F"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String back = chosen.headers().firstValue("Location").orElseThrow();
        return mvc.perform(get(URI.create(back)).param("lang", "en")).andExpect(status().isOk()).andReturn();
    }

    private String stateOf(Applied applied) {
        return jdbc.sql("select a.status || coalesce(' ' || a.stopped_code, '') || coalesce(' ' || r.status, '') "
                        + "from online_application a left join certificate_request r on r.id = a.request_id where a.reference = ?")
                .param(applied.reference()).query(String.class).single();
    }

    private static String error(MvcResult page) {
        return String.valueOf(page.getModelAndView().getModel().get("error"));
    }

    @Test
    void theDirectorTheRegisterNamesIsConfirmedIntoARequest() throws Exception {
        Applied applied = applyAsDirector(false);
        registry.register(applied.stir(), "IPAK YO‘LI SAVDO", applied.pinfl());

        MvcResult back = verifiedByMyId(applied);

        assertThat(back.getModelAndView().getModel().get("confirmed")).isEqualTo(true);
        assertThat(stateOf(applied)).isEqualTo("CONFIRMED SUBMITTED");
        assertThat(jdbc.sql("select details->>'registry' from audit_event where action = 'application.confirm.remote' "
                + "and details->>'reference' = ?").param(applied.reference()).query(String.class).single()).isEqualTo("director");
    }

    @Test
    void anotherDirectorInTheRegisterStopsTheApplication() throws Exception {
        Applied applied = applyAsDirector(false);
        registry.register(applied.stir(), "Ipak Yo'li Savdo", "30101900000018");

        MvcResult back = verifiedByMyId(applied);

        assertThat(error(back)).contains("names someone else as the director");
        assertThat(stateOf(applied)).isEqualTo("STOPPED registry.notDirector");
    }

    @Test
    void aStirTheRegisterDoesNotKnowStopsTheApplication() throws Exception {
        Applied applied = applyAsDirector(false);

        MvcResult back = verifiedByMyId(applied);

        assertThat(error(back)).contains("has no organisation with this STIR");
        assertThat(stateOf(applied)).isEqualTo("STOPPED registry.unknownOrganisation");
    }

    @Test
    void anotherOrganisationNameInTheRegisterStopsTheApplication() throws Exception {
        Applied applied = applyAsDirector(false);
        registry.register(applied.stir(), "Boshqa Korxona", applied.pinfl());

        MvcResult back = verifiedByMyId(applied);

        assertThat(error(back)).contains("name in the register differs");
        assertThat(stateOf(applied)).isEqualTo("STOPPED registry.nameMismatch");
    }

    @Test
    void aRegisterThatCannotBeAskedDecidesNothing() throws Exception {
        Applied applied = applyAsDirector(false);
        registry.register(applied.stir(), "Ipak Yo'li Savdo", applied.pinfl());
        registry.down(true);

        MvcResult back = verifiedByMyId(applied);

        assertThat(error(back)).contains("cannot be reached");
        assertThat(stateOf(applied)).isEqualTo("RECEIVED");
    }

    @Test
    void withTheRegisterConnectedAnAdministratorMayLetDirectorsFinishRemotelyButNotSoleProprietors() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);

        mvc.perform(post("/admin/remote-identity/" + centre).param("types", "INDIVIDUAL", "LEGAL_ENTITY")
                .with(Operators.as(admin)).with(csrf())).andExpect(status().is3xxRedirection());
        int refused = mvc.perform(post("/admin/remote-identity/" + centre).param("types", "INDIVIDUAL", "SOLE_PROPRIETOR")
                .with(Operators.as(admin)).with(csrf())).andReturn().getResponse().getStatus();

        assertThat(jdbc.sql("select array_to_string(remote_identity_types, ',') from service_centre where id = ?").param(centre)
                .query(String.class).single()).isEqualTo("INDIVIDUAL,LEGAL_ENTITY");
        assertThat(refused).isEqualTo(422);
    }

    @Test
    void aRepresentativeIsSentToTheCentre() throws Exception {
        Applied applied = applyAsDirector(true);

        MvcResult refused = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat((String) refused.getFlashMap().get("error")).contains("Only the organisation's director");
        assertThat(refused.getFlashMap().get("captureUrl")).isNull();
    }
}
