package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The application form as operators fill it: real-looking bad data gets precise messages, good data a request. */
class RegistrationPagesTest extends RaTestBase {

    Actor registrar;

    @BeforeEach
    void registrar() {
        registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
    }

    private MockHttpServletRequestBuilder individual(String pinfl, String... overrides) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("formToken", UUID.randomUUID().toString());
        fields.put("type", "INDIVIDUAL");
        fields.put("surname", "Aliyev");
        fields.put("givenName", "Vali");
        fields.put("birthDate", "1990-03-15");
        fields.put("sex", "M");
        fields.put("pinfl", pinfl);
        fields.put("documentType", "PASSPORT");
        fields.put("documentNumber", "AC1234567");
        fields.put("phone", "+998 90 123 45 67");
        fields.put("representative", "false");
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put(overrides[i], overrides[i + 1]);
        }
        MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private long countRequests() {
        return jdbc.sql("select count(*) from certificate_request").query(Long.class).single();
    }

    @Test
    void goodApplicationBecomesASubmittedRequest() throws Exception {
        String location = mvc.perform(individual(Operators.pinfl())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).matches("/requests/\\d+");
        mvc.perform(get(location).with(Operators.as(registrar))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Yuborilgan")));
    }

    @Test
    void enrollmentCodeIsShownOnceWithTheRevocationCodeForTheCertificateItWillEnroll() throws Exception {
        String location = mvc.perform(individual(Operators.pinfl())).andReturn().getResponse().getRedirectedUrl();

        var result = mvc.perform(post(location + "/enrollment-code").param("days", "7").with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        var code = (uz.eimzo.ca.registration.EnrollmentCodes.Code) result.getFlashMap().get("enrollmentCode");

        assertThat(code.revocationCode()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        mvc.perform(get(location).flashAttrs(result.getFlashMap()).with(Operators.as(registrar)))
                .andExpect(content().string(containsString(code.secret())))
                .andExpect(content().string(containsString(code.revocationCode())));
        mvc.perform(get(location).with(Operators.as(registrar)))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString(code.revocationCode()))));
    }

    @Test
    void wrongPinflCheckDigitIsShownInUzbekAndNothingIsSaved() throws Exception {
        String good = Operators.pinfl();
        String wrong = good.substring(0, 13) + ((good.charAt(13) - '0' + 1) % 10);
        long before = countRequests();
        mvc.perform(individual(wrong)).andExpect(status().isOk())
                .andExpect(content().string(containsString("JShShIR nazorat raqami noto‘g‘ri")));
        assertThat(countRequests()).isEqualTo(before);
    }

    @Test
    void refusalOfTheCaIsShownInTheOperatorsLanguage() throws Exception {
        String token = UUID.randomUUID().toString();
        String pinfl = Operators.pinfl();
        mvc.perform(individual(pinfl, "formToken", token)).andExpect(status().is3xxRedirection());

        mvc.perform(individual(pinfl, "formToken", token).param("lang", "ru")).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Эта форма уже была отправлена.")));
        mvc.perform(individual(pinfl, "formToken", token).param("lang", "en")).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This form was already submitted")));
    }

    @Test
    void birthDateMismatchIsShown() throws Exception {
        mvc.perform(individual(Operators.pinfl(), "birthDate", "1991-03-15")).andExpect(status().isOk())
                .andExpect(content().string(containsString("JShShIR tug‘ilgan sanaga mos kelmaydi")));
    }

    @Test
    void malformedPassportIsShownInRussianWhenRussianIsChosen() throws Exception {
        mvc.perform(individual(Operators.pinfl(), "documentNumber", "A12345678", "lang", "ru"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Номер документа: 2 латинские буквы и 7 цифр")));
    }

    @Test
    void malformedCompanyStirIsShown() throws Exception {
        mvc.perform(individual(Operators.pinfl(), "type", "LEGAL_ENTITY", "organisationStir", "12345",
                        "organisationName", "Test MCHJ", "legalForm", "MCHJ", "position", "direktor"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("STIR 9 ta raqamdan iborat")));
    }

    @Test
    void replayedFormIsRefusedAndCreatesNothing() throws Exception {
        String token = UUID.randomUUID().toString();
        String pinfl = Operators.pinfl();
        mvc.perform(individual(pinfl, "formToken", token)).andExpect(status().is3xxRedirection());
        long before = countRequests();
        mvc.perform(individual(pinfl, "formToken", token)).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Bu shakl allaqachon yuborilgan.")));
        assertThat(countRequests()).isEqualTo(before);
    }

    @Test
    void formWithoutCsrfTokenIsForbidden() throws Exception {
        mvc.perform(post("/requests").with(Operators.as(registrar)).param("type", "INDIVIDUAL"))
                .andExpect(status().isForbidden());
    }

    @Test
    void oversizedCsrUploadIsRefusedWithoutIssuing() throws Exception {
        long id = Long.parseLong(mvc.perform(individual(Operators.pinfl())).andReturn().getResponse().getRedirectedUrl()
                .replace("/requests/", ""));
        MockMultipartFile huge = new MockMultipartFile("csrFile", "big.csr", "application/octet-stream", new byte[100_000]);
        mvc.perform(multipart("/requests/" + id + "/issue").file(huge).param("keyOption", "CSR")
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("error", containsString("Sertifikat so‘rovi juda katta.")));
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(id).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }

    @Test
    void serverGeneratedKeyIsShownOnceAndDownloadableOnce() throws Exception {
        long id = Long.parseLong(mvc.perform(individual(Operators.pinfl())).andReturn().getResponse().getRedirectedUrl()
                .replace("/requests/", ""));
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "SERVER_KEY").session(session)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String password = page.replaceAll("(?s).*id=\"pfx-password\">([^<]+)<.*", "$1");
        assertThat(password).hasSize(16);

        byte[] pfx = mvc.perform(get("/requests/" + id + "/pfx").session(session).with(Operators.as(registrar)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("Content-Disposition", containsString("filename=\"DS")))
                .andReturn().getResponse().getContentAsByteArray();
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(pfx), password.toCharArray());
        assertThat(p12.getCertificateChain(p12.aliases().nextElement())).hasSize(3);

        mvc.perform(get("/requests/" + id + "/pfx").session(session).with(Operators.as(registrar)))
                .andExpect(status().isGone())
                .andExpect(content().string(containsString("allaqachon yuklab olingan")));
    }

    @Test
    void certificateFromAPastedCsrIsIssuedAndDownloadable() throws Exception {
        long id = Long.parseLong(mvc.perform(individual(Operators.pinfl())).andReturn().getResponse().getRedirectedUrl()
                .replace("/requests/", ""));
        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom());
        String csr = uz.eimzo.ra.support.Csrs.pem(key);
        String location = mvc.perform(post("/requests/" + id + "/issue").param("keyOption", "CSR").param("csrText", csr)
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/certificates/demo-issuing/");
        byte[] pem = mvc.perform(get(location + "/download").param("format", "pem").with(Operators.as(registrar)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String text = new String(pem);
        var certificate = Certificates.parse(java.util.Base64.getMimeDecoder().decode(
                text.replaceAll("-----[A-Z ]+-----", "")));
        assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());
    }
}
