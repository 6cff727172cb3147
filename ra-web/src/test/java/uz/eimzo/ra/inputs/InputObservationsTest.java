package uz.eimzo.ra.inputs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** What was seen from outside (issue 13, observations 5-7): each one as the request that showed it. */
class InputObservationsTest extends RaTestBase {

    Actor registrar;
    Api registrarApi;
    Api supervisorApi;

    @BeforeEach
    void operators() {
        long centre = operators.centre(false);
        registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        registrarApi = new Api(port, jdbc, registrar);
        supervisorApi = new Api(port, jdbc, operators.operator(centre, "p", Actor.Role.SUPERVISOR));
    }

    private long requestsOf(String pinfl) {
        return jdbc.sql("select count(*) from certificate_request r join applicant a on a.id = r.applicant_id where a.pinfl = ?")
                .param(pinfl).query(Long.class).single();
    }

    private MockHttpServletRequestBuilder webForm(String pinfl, String field, String value) {
        MockHttpServletRequestBuilder request = post("/requests").with(Operators.as(registrar)).with(csrf())
                .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Aliyev")
                .param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M").param("pinfl", pinfl)
                .param("documentType", "PASSPORT").param("documentNumber", "AC1234567").param("phone", "+998901234567")
                .param("representative", "false");
        return request.param(field, value);
    }

    @Test
    void nulInTheApiSearchIsA400() throws Exception {
        assertThat(registrarApi.get("/api/certificates?q=%00").statusCode()).isEqualTo(400);
    }

    @Test
    void nulInTheWebSearchIsA400() throws Exception {
        int status = mvc.perform(get("/certificates").param("q", "\u0000").with(Operators.as(registrar)))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(400);
    }

    @Test
    void nulInTheRegionThroughTheApiIsAFieldErrorAndNothingIsStored() throws Exception {
        String pinfl = Operators.pinfl();
        HttpResponse<String> answer = registrarApi.post("/api/requests", Api.individual(pinfl, "\"region\": \"Tosh\\u0000kent\""));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"region\"").contains("text.control");
        assertThat(requestsOf(pinfl)).isZero();
    }

    @Test
    void nulInTheRegionOfTheWebFormIsShownAtTheFieldAndNothingIsStored() throws Exception {
        String pinfl = Operators.pinfl();
        var response = mvc.perform(webForm(pinfl, "region", "Tosh\u0000kent").param("lang", "en")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("Contains a control or invisible character");
        assertThat(requestsOf(pinfl)).isZero();
    }

    @Test
    void errorPathAskedForDirectlyIsNotAServerError() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
    }

    @Test
    void realErrorsStillReachTheErrorPageWithTheirOwnStatus() throws Exception {
        // A type mismatch is sent to the error path by the container (the ERROR dispatch), which stays untouched.
        HttpResponse<String> answer = registrarApi.get("/api/requests/not-a-number");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"status\":400");
    }

    @Test
    void numericReasonIsTheRfc5280CodeAndRemoveFromCrlIsRefused() throws Exception {
        String certificate = registrarApi.issuedCertificate(supervisorApi);
        HttpResponse<String> refused = supervisorApi.post("/api/certificates/" + certificate + "/revoke", "{\"reason\": 8}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("revocation.reason").contains("reason").contains("keyCompromise");
        assertThat(storedReason(certificate)).isNull();

        assertThat(supervisorApi.post("/api/certificates/" + certificate + "/revoke", "{\"reason\": 9}").statusCode()).isEqualTo(200);
        assertThat(storedReason(certificate)).isEqualTo(9);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'certificate.revoke' and target like ? and details::text like ?")
                .params("%" + certificate.substring(certificate.indexOf('/') + 1), "%PRIVILEGE_WITHDRAWN%").query(Long.class).single())
                .isEqualTo(1);
    }

    private Integer storedReason(String certificate) {
        String serial = certificate.substring(certificate.indexOf('/') + 1);
        return jdbc.sql("select revocation_reason from certificate where serial = ?")
                .param(new java.math.BigDecimal(new BigInteger(serial, 16))).query(Integer.class).optional().orElse(null);
    }

    @Test
    void rightToLeftOverrideInTheRegionIsAFieldErrorAtRegistration() throws Exception {
        String pinfl = Operators.pinfl();
        HttpResponse<String> answer = registrarApi.post("/api/requests", Api.individual(pinfl, "\"region\": \"Toshkent\\u202Etnek\""));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"region\"").contains("text.bidi");
        assertThat(requestsOf(pinfl)).isZero();
    }

    @Test
    void overLongRegionIsAFieldErrorAtRegistration() throws Exception {
        String pinfl = Operators.pinfl();
        HttpResponse<String> answer = registrarApi.post("/api/requests", Api.individual(pinfl, "\"region\": \"" + "T".repeat(3000) + "\""));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"region\"").contains("text.tooLong");
        assertThat(requestsOf(pinfl)).isZero();
    }

    @Test
    void controlCharactersInTheDistrictAreAFieldErrorAtRegistration() throws Exception {
        String pinfl = Operators.pinfl();
        HttpResponse<String> answer = registrarApi.post("/api/requests", Api.individual(pinfl, "\"district\": \"Yunusobod\\u0007\\u001b[2J\""));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"district\"").contains("text.control");
        assertThat(requestsOf(pinfl)).isZero();
    }
}
