package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Scan uploads over real HTTP against the default limits (eimzo.ra.scans.max-file-size 10 MB, max-request-size
 * 30 MB): a file over its limit is named in the preview with the error in the reader's language, an upload over its
 * limit comes back to the request's page with the error beside the file field; never Tomcat's page, a 413 or a 500,
 * and nothing saved.
 */
class ScanUploadLimitsTest extends RaTestBase {

    static final String PASSWORD = "skan-chegarasi-2026";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    static final int MB = 1024 * 1024;

    Actor registrar;
    long requestId;
    SignedInBrowserlessClient browser;

    @BeforeEach
    void aRequestAndASignedInRegistrar() throws Exception {
        registrar = operators.operator(operators.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        directory.confirmTotp(registrar.operatorId());
        requestId = Long.parseLong(mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Nazarov")
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
        browser = SignedInBrowserlessClient.signIn("http://localhost:" + port, registrar, PASSWORD, directory);
    }

    private static byte[] png(int size) {
        byte[] bytes = Arrays.copyOf(PNG, size);
        Arrays.fill(bytes, PNG.length, size, (byte) 7);
        return bytes;
    }

    private HttpResponse<String> preview(SignedInBrowserlessClient.Part... files) throws Exception {
        return browser.upload("/requests/" + requestId, "/requests/" + requestId + "/scans/preview", List.of(files));
    }

    private int saved() {
        return jdbc.sql("select count(*) from document_scan where request_id = ?").param(requestId).query(Integer.class).single();
    }

    @Test
    void aScanOverTenMegabytesIsNamedInThePreviewAndTheOthersStayUsable() throws Exception {
        HttpResponse<String> page = preview(new SignedInBrowserlessClient.Part("files", "big.png", "image/png", png(10 * MB + 1)),
                new SignedInBrowserlessClient.Part("files", "small.png", "image/png", png(9 * MB)));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("big.png").contains("Fayl 10 MB dan katta").contains("small.png");
        assertThat(page.body()).containsPattern("<img [^>]*src=\"/requests/" + requestId + "/scans/preview/[^\"]+/1\"");
        assertThat(page.body()).doesNotContainPattern("/scans/preview/[^\"]+/0\"");
        assertThat(saved()).isZero();
    }

    @Test
    void aScanOfTenMegabytesIsTakenAndSaved() throws Exception {
        HttpResponse<String> page = preview(new SignedInBrowserlessClient.Part("files", "ten.png", "image/png", png(10 * MB)));
        assertThat(page.statusCode()).isEqualTo(200);
        String batch = page.body().replaceAll("(?s).*name=\"batch\" value=\"([^\"]+)\".*", "$1");

        HttpResponse<String> savedAnswer = browser.post("/requests/" + requestId, "/requests/" + requestId + "/scans/save",
                Map.of("batch", batch, "keep", "0", "kind0", "PASSPORT"));

        assertThat(savedAnswer.statusCode()).isEqualTo(302);
        assertThat(saved()).isEqualTo(1);
    }

    @Test
    void anUploadOverThirtyMegabytesComesBackToTheRequestWithTheErrorBesideTheField() throws Exception {
        SignedInBrowserlessClient.Part eight = new SignedInBrowserlessClient.Part("files", "page.png", "image/png", png(8 * MB));

        HttpResponse<String> answer = preview(eight, eight, eight, eight);

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/requests/" + requestId + "?upload=tooLarge");
        HttpResponse<String> page = browser.get("/requests/" + requestId + "?upload=tooLarge");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("<span class=\"error\" id=\"scan-files-error\" role=\"alert\">Tanlangan fayllar "
                + "birgalikda 30 MB dan katta, hech biri yuklanmadi");
        assertThat(page.body()).containsPattern("id=\"scan-files\"[^>]*aria-describedby=\"scan-files-limits scan-files-error\"");
        assertThat(saved()).isZero();
    }

    @Test
    void theUploadErrorIsInTheReadersLanguage() throws Exception {
        assertThat(browser.get("/requests/" + requestId + "?lang=ru").statusCode()).isEqualTo(200);
        SignedInBrowserlessClient.Part eight = new SignedInBrowserlessClient.Part("files", "page.png", "image/png", png(8 * MB));

        preview(eight, eight, eight, eight);

        assertThat(browser.get("/requests/" + requestId + "?upload=tooLarge").body())
                .contains("Выбранные файлы вместе больше 30 МБ, ни один не загружен");
        HttpResponse<String> big = preview(new SignedInBrowserlessClient.Part("files", "big.png", "image/png", png(10 * MB + 1)));
        assertThat(big.body()).contains("Файл больше 10 МБ");
    }
}
