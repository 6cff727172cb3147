package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operator's home (the request list they land on after signing in) shows what waits for their centre: requests
 * awaiting approval (supervisors), approved ones ready to issue, certificates expiring soon and those issued lately,
 * each with its count and links.
 */
class WorkQueuesTest extends RaTestBase {

    Actor registrar;
    Actor supervisor;

    @BeforeEach
    void centreWhereIndividualsNeedApproval() {
        long centre = operators.centre(true);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
    }

    private long registered() throws Exception {
        return Long.parseLong(mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Nazarov")
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
    }

    private String home(Actor as) throws Exception {
        return mvc.perform(get("/requests").with(Operators.as(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    /** The count shown for a queue, and the queue's own HTML. */
    private static String queue(String page, String id) {
        Matcher m = Pattern.compile("(?s)<div class=\"queue\" id=\"" + id + "\">(.*?)</div>").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    private static int count(String queue) {
        Matcher m = Pattern.compile("<span class=\"count\">(\\d+)</span>").matcher(queue);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void aSubmittedRequestWaitsForTheSupervisorsApprovalWithALinkToIt() throws Exception {
        long id = registered();

        String awaiting = queue(home(supervisor), "queue-awaiting-approval");

        assertThat(count(awaiting)).isEqualTo(1);
        assertThat(awaiting).contains("href=\"/requests/" + id + "\"").contains("Nazarov Bobur");
    }

    @Test
    void theApprovalQueueIsTheSupervisorsNotTheRegistrars() throws Exception {
        registered();
        assertThat(home(registrar)).doesNotContain("queue-awaiting-approval");
    }

    @Test
    void anApprovedRequestMovesToReadyToIssueAndAnIssuedOneToRecentlyIssued() throws Exception {
        long id = registered();
        mvc.perform(post("/requests/" + id + "/approve").with(Operators.as(supervisor)).with(csrf()));

        assertThat(count(queue(home(supervisor), "queue-awaiting-approval"))).isZero();
        assertThat(queue(home(registrar), "queue-ready-to-issue")).contains("href=\"/requests/" + id + "\"");

        mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(new MockHttpSession())
                .with(Operators.as(registrar)).with(csrf())).andExpect(status().isOk());

        String page = home(registrar);
        assertThat(count(queue(page, "queue-ready-to-issue"))).isZero();
        assertThat(count(queue(page, "queue-recently-issued"))).isEqualTo(1);
        assertThat(queue(page, "queue-recently-issued")).contains("href=\"/certificates/");
    }

    @Test
    void aCertificateEndingWithinThirtyDaysIsCountedAsExpiring() throws Exception {
        long id = registered();
        mvc.perform(post("/requests/" + id + "/approve").with(Operators.as(supervisor)).with(csrf()));
        mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(new MockHttpSession())
                .with(Operators.as(registrar)).with(csrf()));
        assertThat(count(queue(home(registrar), "queue-expiring"))).isZero();

        jdbc.sql("update certificate set not_after = ? where request_id = ?")
                .params(Timestamp.from(Instant.now().plus(10, ChronoUnit.DAYS)), id).update();

        assertThat(count(queue(home(registrar), "queue-expiring"))).isEqualTo(1);
    }

    @Test
    void anotherCentresWorkIsNotInTheQueues() throws Exception {
        registered();
        Actor elsewhere = operators.operator(operators.centre(true), "p", Actor.Role.SUPERVISOR);
        assertThat(count(queue(home(elsewhere), "queue-awaiting-approval"))).isZero();
    }

    @Test
    void theSupervisorIsWarnedWhenNoDocumentIsAttachedBeforeApproving() throws Exception {
        long id = registered();
        String page = mvc.perform(get("/requests/" + id).with(Operators.as(supervisor))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"no-documents-warning\"").contains("birorta hujjat nusxasi biriktirilmagan");

        mvc.perform(multipart("/requests/" + id + "/scans").file(new MockMultipartFile("file", "id.pdf", "application/pdf",
                "%PDF-1.4\n%%EOF\n".getBytes())).param("kind", "ID_CARD").with(Operators.as(registrar)).with(csrf()));

        assertThat(mvc.perform(get("/requests/" + id).with(Operators.as(supervisor))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("no-documents-warning");
    }
}
