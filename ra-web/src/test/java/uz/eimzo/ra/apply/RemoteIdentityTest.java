package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ra.myid.MyIdSimulator;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Identity confirmed remotely through the MyID API, here served by the local simulator: a matching face and register
 * confirm the application into an ordinary request of its centre; a face that does not match, an expired session and
 * MyID being down end with a clear message and nothing confirmed; a register whose data differ stops the application.
 * Each outcome is audited with MyID's job id.
 */
class RemoteIdentityTest extends MailingRaTestBase {

    @Autowired
    MyIdSimulator simulator;
    @Autowired
    MeterRegistry meters;

    private double refusedByMyId(String reason) {
        var counter = meters.find("eimzo.applications").tags("event", "refused", "channel", "myid", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    record Applied(String reference, String email, String pinfl, MockHttpSession session) {
    }

    private Applied applyAndOpen(long centre) throws Exception {
        String first13 = "4" + Operators.pinfl().substring(1, 13);
        String pinfl = first13 + Pinfl.checkDigit(first13);
        String email = email();
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(post("/apply/submit").with(csrf()).session(session).with(r -> {
                            r.setRemoteAddr(client());
                            return r;
                        })
                        .param("type", "INDIVIDUAL").param("surname", "Rahimova").param("givenName", "Zarina")
                        .param("patronymic", "").param("birthDate", "1990-03-15").param("sex", "F").param("pinfl", pinfl)
                        .param("documentType", "ID_CARD").param("documentNumber", "AD1122334")
                        .param("phone", "+99897" + (1000000 + new SecureRandom().nextInt(8999999))).param("email", email)
                        .param("representative", "false").param("centreId", String.valueOf(centre)).param("purposes", "1.2.860.3.2.2.1.2.1").param("keyOption", "BROWSER_KEY"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        assertThat(reference.find()).isTrue();
        return new Applied(reference.group(), email, pinfl, session);
    }

    /** Confirms the address and the phone with the codes sent at application time, as the check requires. */
    private Applied confirmed(Applied applied) throws Exception {
        String code = ApplyOnlineTest.codeIn(awaitMail(applied.email(), "e-mail manzilingizni tasdiqlang"));
        MvcResult result = mvc.perform(post("/apply/email").with(csrf()).session(applied.session()).param("code", code))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(result.getFlashMap().get("emailConfirmed")).isEqualTo(true);
        // SMS is on here, so the phone is confirmed too, with the code texted to it.
        String phone = jdbc.sql("select phone from online_application where reference = ?").param(applied.reference())
                .query(String.class).single();
        MvcResult texted = mvc.perform(post("/apply/phone").with(csrf()).session(applied.session()).param("code", phoneCode(phone)))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(texted.getFlashMap().get("phoneConfirmed")).isEqualTo(true);
        return applied;
    }

    /** Starts the check and plays the applicant on the simulator's page; returns the message the tracking page shows. */
    private MvcResult check(Applied applied, String outcome, String registerSurname) throws Exception {
        MvcResult started = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String capture = (String) started.getFlashMap().get("captureUrl");
        assertThat(capture).as("error: %s", started.getFlashMap().get("error")).startsWith(simulator.base().toString());
        String form = "outcome=" + outcome + "&last_name=" + URLEncoder.encode(registerSurname, StandardCharsets.UTF_8)
                + "&first_name=ZARINA&middle_name=&gender=F";
        HttpResponse<String> chosen = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(capture))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chosen.statusCode()).isEqualTo(303);
        String back = chosen.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains("/apply/myid/return?session=");
        // MyID sends the browser back from another site: no session cookie comes with it.
        return mvc.perform(get(URI.create(back)).param("lang", "en")).andExpect(status().isOk()).andReturn();
    }

    private String stateOf(Applied applied) {
        return jdbc.sql("select a.status || coalesce(' ' || r.status || ' ' || r.origin || ' ' || o.username, '') "
                        + "from online_application a left join certificate_request r on r.id = a.request_id "
                        + "left join operator o on o.id = r.registrar_id where a.reference = ?")
                .param(applied.reference()).query(String.class).single();
    }

    private String audited(Applied applied, String action) {
        return jdbc.sql("select outcome || ' ' || details::text from audit_event where action = ? and details->>'reference' = ? "
                        + "or action = ? and target = ? order by id desc limit 1")
                .params(action, applied.reference(), action, "application:" + applied.reference())
                .query(String.class).optional().orElse("");
    }

    private void open(Applied applied) throws Exception {
        mvc.perform(post("/apply/track").with(csrf()).session(applied.session()).param("reference", applied.reference())
                .param("secret", secretOf(applied))).andExpect(status().is3xxRedirection());
    }

    /** The secret went into the session when the application was made; the tracking page needs no more. */
    private static String secretOf(Applied applied) {
        return ((ApplyController.Opened) applied.session().getAttribute(ApplyController.OPENED)).secret();
    }

    @Test
    void aMatchingFaceAndRegisterConfirmTheApplicationIntoARequestRegisteredByTheCentresRemoteCheck() throws Exception {
        long centre = operators.centre(false);
        Applied applied = confirmed(applyAndOpen(centre));
        open(applied);

        MvcResult back = check(applied, "match", "Rahimova");

        assertThat(back.getModelAndView().getModel().get("confirmed")).isEqualTo(true);
        assertThat(stateOf(applied)).isEqualTo("CONFIRMED SUBMITTED ONLINE myid-remote-check-" + centre);
        assertThat(audited(applied, "application.confirm.remote")).startsWith("SUCCESS").contains("\"job\": \"SIM-")
                .contains("\"result\": \"verified\"");
        awaitMail(applied.email(), "shaxs tasdiqlandi");
        assertThat(mvc.perform(get("/apply/track").session(applied.session())).andReturn().getResponse().getContentAsString())
                .contains("id=\"collect\"");
    }

    @Test
    void aFaceThatDoesNotMatchConfirmsNothingAndSaysSo() throws Exception {
        Applied applied = confirmed(applyAndOpen(operators.centre(false)));
        double before = refusedByMyId("myid.refused");

        MvcResult back = check(applied, "mismatch", "Rahimova");

        assertThat(back.getModelAndView().getModel().get("error"))
                .isEqualTo("MyID did not confirm that your face matches the register. Try again, or confirm your identity at the centre.");
        assertThat(stateOf(applied)).isEqualTo("RECEIVED");
        assertThat(audited(applied, "application.myid")).startsWith("FAILURE").contains("FACE_MISMATCH").contains("\"job\": \"SIM-");
        assertThat(refusedByMyId("myid.refused")).isEqualTo(before + 1);
    }

    @Test
    void anExpiredSessionConfirmsNothingAndSaysSo() throws Exception {
        Applied applied = confirmed(applyAndOpen(operators.centre(false)));

        MvcResult back = check(applied, "expire", "Rahimova");

        assertThat(back.getModelAndView().getModel().get("error")).isEqualTo("The MyID session expired before the check was finished. Start it again.");
        assertThat(stateOf(applied)).isEqualTo("RECEIVED");
    }

    @Test
    void myIdBeingDownConfirmsNothingAndSaysSo() throws Exception {
        Applied applied = confirmed(applyAndOpen(operators.centre(false)));
        simulator.down(true);
        MvcResult started;
        try {
            started = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                    .andExpect(status().is3xxRedirection()).andReturn();
        } finally {
            simulator.down(false);
        }

        assertThat(started.getFlashMap().get("error"))
                .isEqualTo("MyID cannot be reached at the moment. Try again later, or confirm your identity at the centre.");
        assertThat(stateOf(applied)).isEqualTo("RECEIVED");
    }

    @Test
    void theCheckDoesNotStartBeforeTheEmailAddressIsConfirmed() throws Exception {
        Applied applied = applyAndOpen(operators.centre(false));

        MvcResult started = mvc.perform(post("/apply/myid/start").with(csrf()).session(applied.session()).param("lang", "en"))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(started.getFlashMap().get("error")).isEqualTo("Confirm your e-mail address with the code sent to it first.");
        assertThat(started.getFlashMap().get("captureUrl")).isNull();
    }

    @Test
    void aRegisterWhoseNameDiffersStopsTheApplication() throws Exception {
        Applied applied = confirmed(applyAndOpen(operators.centre(false)));

        MvcResult back = check(applied, "match", "Rahimovа-Boshqa");

        assertThat((String) back.getModelAndView().getModel().get("error")).startsWith("The data of the state register differ from your application");
        assertThat(stateOf(applied)).isEqualTo("STOPPED");
        assertThat(audited(applied, "application.myid")).startsWith("FAILURE").contains("\"differs\": \"surname\"");
        awaitMail(applied.email(), "to‘xtatildi");
    }
}
