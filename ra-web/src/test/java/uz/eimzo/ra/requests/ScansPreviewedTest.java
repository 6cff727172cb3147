package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.List;
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
 * Several scans in one upload: each is shown (an image inline, a PDF to open) with its own document kind before
 * anything is saved; saving keeps the ones ticked, each checked as a single upload is. Nothing is saved before.
 */
class ScansPreviewedTest extends RaTestBase {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes();

    Actor registrar;
    Actor supervisor;
    long requestId;
    MockHttpSession session;

    @BeforeEach
    void aRequest() throws Exception {
        long centre = operators.centre(false);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        requestId = Long.parseLong(mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Nazarov")
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
        session = new MockHttpSession();
    }

    private String previewed(Actor as, MockMultipartFile... files) throws Exception {
        var upload = multipart("/requests/" + requestId + "/scans/preview");
        for (MockMultipartFile file : files) {
            upload.file(file);
        }
        return mvc.perform(upload.session(session).with(Operators.as(as)).with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static MockMultipartFile file(String name, String type, byte[] bytes) {
        return new MockMultipartFile("files", name, type, bytes);
    }

    private static String batch(String page) {
        Matcher m = Pattern.compile("name=\"batch\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the preview carries its batch").isTrue();
        return m.group(1);
    }

    private List<String> savedKinds() {
        return jdbc.sql("select kind from document_scan where request_id = ? order by id").param(requestId)
                .query(String.class).list();
    }

    @Test
    void eachFileIsShownBeforeAnythingIsSaved() throws Exception {
        String page = previewed(registrar, file("passport.png", "image/png", PNG), file("power.pdf", "application/pdf", PDF));

        assertThat(page).contains("passport.png").contains("power.pdf");
        assertThat(page).containsPattern("<img [^>]*src=\"/requests/" + requestId + "/scans/preview/[^\"]+/0\"");
        assertThat(page).containsPattern("<a [^>]*href=\"/requests/" + requestId + "/scans/preview/[^\"]+/1\"");
        assertThat(savedKinds()).isEmpty();

        byte[] shown = mvc.perform(get("/requests/" + requestId + "/scans/preview/" + batch(page) + "/0").session(session)
                .with(Operators.as(registrar))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(shown).isEqualTo(PNG);
    }

    @Test
    void savingKeepsTheTickedFilesWithTheKindChosenForEach() throws Exception {
        String page = previewed(registrar, file("passport.png", "image/png", PNG), file("power.pdf", "application/pdf", PDF),
                file("extra.pdf", "application/pdf", PDF));

        mvc.perform(post("/requests/" + requestId + "/scans/save").session(session).with(Operators.as(registrar)).with(csrf())
                        .param("batch", batch(page)).param("keep", "0", "1")
                        .param("kind0", "PASSPORT").param("kind1", "POWER_OF_ATTORNEY").param("kind2", "OTHER"))
                .andExpect(status().is3xxRedirection());

        assertThat(savedKinds()).containsExactly("PASSPORT", "POWER_OF_ATTORNEY");
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsMarkedInThePreviewAndNotSaved() throws Exception {
        String page = previewed(registrar, file("passport.png", "image/png", PNG), file("fake.pdf", "application/pdf", PNG));

        assertThat(page).contains("Faqat PDF, JPEG va PNG nusxalar qabul qilinadi");
        mvc.perform(post("/requests/" + requestId + "/scans/save").session(session).with(Operators.as(registrar)).with(csrf())
                        .param("batch", batch(page)).param("keep", "0", "1").param("kind0", "PASSPORT").param("kind1", "OTHER"))
                .andExpect(status().is3xxRedirection());

        assertThat(savedKinds()).containsExactly("PASSPORT");
    }

    @Test
    void aBatchThatIsGoneSavesNothing() throws Exception {
        mvc.perform(post("/requests/" + requestId + "/scans/save").session(session).with(Operators.as(registrar)).with(csrf())
                        .param("batch", UUID.randomUUID().toString()).param("keep", "0").param("kind0", "PASSPORT"))
                .andExpect(status().is3xxRedirection());
        assertThat(savedKinds()).isEmpty();
    }

    @Test
    void onlyRegistrarsUpload() throws Exception {
        mvc.perform(multipart("/requests/" + requestId + "/scans/preview").file(file("p.png", "image/png", PNG))
                .with(Operators.as(supervisor)).with(csrf())).andExpect(status().isForbidden());
    }
}
