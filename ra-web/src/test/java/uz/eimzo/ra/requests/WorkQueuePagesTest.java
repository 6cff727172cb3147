package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A work queue on a page of its own ({@code /queues/{queue}}): paged (a bounded page size), sorted (stable: equal keys
 * keep the request number's order), its parameters checked (a wrong one is a field error, never a 500), and the menu
 * shows on every page how many requests wait for the operator.
 */
class WorkQueuePagesTest extends RaTestBase {

    Actor registrar;
    Actor supervisor;

    @BeforeEach
    void centreWhereIndividualsNeedApproval() {
        long centre = operators.centre(true);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
    }

    private long submitted(String surname) throws Exception {
        return Long.parseLong(mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", surname)
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
    }

    private String page(Actor as, String url, int status) throws Exception {
        return mvc.perform(get(url).with(Operators.as(as))).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    /** The request numbers listed in the queue's table, in order. */
    private static List<Long> rows(String page) {
        Matcher table = Pattern.compile("(?s)<table id=\"queue-items\">(.*?)</table>").matcher(page);
        List<Long> ids = new ArrayList<>();
        if (table.find()) {
            Matcher m = Pattern.compile("href=\"/requests/(\\d+)\"").matcher(table.group(1));
            while (m.find()) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }

    @Test
    void theMenuShowsHowManyRequestsWaitForTheOperator() throws Exception {
        submitted("Nazarov");
        submitted("Aliyev");

        assertThat(page(supervisor, "/certificates", 200)).containsPattern("<span class=\"badge\"[^>]*>2</span>");
        assertThat(page(registrar, "/certificates", 200)).doesNotContain("class=\"badge\"");
    }

    @Test
    void aQueueIsPagedInPagesOfTheChosenSize() throws Exception {
        long first = submitted("Nazarov");
        long second = submitted("Aliyev");
        long third = submitted("Karimov");

        String one = page(supervisor, "/queues/awaiting-approval?size=2", 200);
        String two = page(supervisor, "/queues/awaiting-approval?size=2&page=2", 200);

        assertThat(rows(one)).containsExactly(first, second);
        assertThat(rows(two)).containsExactly(third);
        assertThat(one).contains("href=\"/queues/awaiting-approval?page=2&amp;size=2");
    }

    @Test
    void aQueueIsSortedByTheApplicantsNameEitherWayAndEqualNamesKeepTheirOrder() throws Exception {
        long nazarov = submitted("Nazarov");
        long aliyev = submitted("Aliyev");
        long alsoNazarov = submitted("Nazarov");

        assertThat(rows(page(supervisor, "/queues/awaiting-approval?sort=applicant", 200)))
                .containsExactly(aliyev, nazarov, alsoNazarov);
        assertThat(rows(page(supervisor, "/queues/awaiting-approval?sort=applicant&dir=desc", 200)))
                .containsExactly(nazarov, alsoNazarov, aliyev);
        assertThat(rows(page(supervisor, "/queues/awaiting-approval?sort=number&dir=desc", 200)))
                .containsExactly(alsoNazarov, aliyev, nazarov);
    }

    @Test
    void aPageSizeAboveTheBoundIsAFieldErrorNotAHugePage() throws Exception {
        submitted("Nazarov");
        String page = page(supervisor, "/queues/awaiting-approval?size=100000", 400);
        assertThat(page).contains("id=\"size-error\"").contains("1 dan 100 gacha");
    }

    @Test
    void parametersThatAreNotNumbersOrKnownWordsAreFieldErrorsNeverA500() throws Exception {
        for (String query : List.of("page=abc", "page=0", "page=-1", "size=0", "size=x", "sort=surname%3Bdrop",
                "dir=sideways", "page=99999999999999999999")) {
            String page = page(supervisor, "/queues/awaiting-approval?" + query, 400);
            assertThat(page).as(query).contains("class=\"error\"");
        }
    }

    @Test
    void anUnknownQueueIsNotFoundAndTheApprovalQueueIsTheSupervisorsOnly() throws Exception {
        page(supervisor, "/queues/everything", 404);
        page(registrar, "/queues/awaiting-approval", 403);
        page(registrar, "/queues/ready-to-issue", 200);
    }
}
