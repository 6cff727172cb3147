package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ra.support.RunningRa;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * An RA that takes no online applications ({@code eimzo.apply.enabled=false}): every public apply page and the JSON
 * API answer 404, as if they did not exist, and no public page links to them. Its own application context and
 * database, since the setting is read at start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "eimzo.ra.issuing-ca=demo-issuing",
                "eimzo.apply.enabled=false"})
@AutoConfigureMockMvc
class ApplyDisabledTest extends RunningRa {

    static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    static final Path DIRECTORY = temporaryDirectory("eimzo-apply-disabled-test");
    static final String PERSONAL_DATA_KEY = randomKey();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        environment(registry, DATABASE, DIRECTORY, PERSONAL_DATA_KEY);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.session(new MockHttpSession())).andReturn().getResponse().getStatus();
    }

    @Test
    void everyApplyPageIsNotFound() throws Exception {
        List<MockHttpServletRequestBuilder> pages = List.of(
                get("/apply"), get("/apply?type=LEGAL_ENTITY"), post("/apply/submit").with(csrf()).param("surname", "X"),
                get("/apply/submit"), get("/apply/track"), post("/apply/track").with(csrf()).param("reference", "A-AAAAA-AAAAA")
                        .param("secret", "AAAA-AAAA-AAAA-AAAA"),
                get("/apply/A-AAAAA-AAAAA"), post("/apply/code").with(csrf()), post("/apply/email").with(csrf()).param("code", "1"),
                post("/apply/email/resend").with(csrf()), post("/apply/phone").with(csrf()).param("code", "1"),
                post("/apply/phone/resend").with(csrf()), post("/apply/collect").with(csrf()).param("code", "1"),
                get("/apply/collect"), get("/apply/certificate"), post("/apply/myid/start").with(csrf()),
                get("/apply/myid/return?session=s"));
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (MockHttpServletRequestBuilder page : pages) {
            MockHttpServletRequest request = page.buildRequest(new MockServletContext());
            answers.put(request.getMethod() + " " + request.getRequestURI(), status(page));
        }

        assertThat(answers).allSatisfy((page, status) -> assertThat(status).as(page).isEqualTo(404));
    }

    @Test
    void theApplicationApiIsNotFound() throws Exception {
        int status = status(post("/api/applications").contentType(MediaType.APPLICATION_JSON).content("{}"));

        assertThat(status).isEqualTo(404);
    }

    @Test
    void theApplicationApiIsNotDocumented() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();

        assertThat(docs.contains("/api/applications")).as("/api/applications in /v3/api-docs").isFalse();
    }

    @Test
    void noPublicPageLinksToTheApplicationForm() throws Exception {
        for (String page : List.of("/cps", "/login", "/self-service", "/ca")) {
            String html = mvc.perform(get(page)).andReturn().getResponse().getContentAsString();

            assertThat(html).as(page).doesNotContain("/apply");
        }
    }
}
