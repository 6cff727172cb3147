package uz.eimzo.ra.integrators;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.RaTestBase;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A missing or malformed field of an API call is a 400 with problem details naming it (never a 409 or a 500), and the
 * OpenAPI document says how to authenticate and what each call requires.
 */
class ApiFieldErrorsTest extends RaTestBase {

    HttpIntegrator api;

    @BeforeEach
    void token() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        Actor operator = operators.operator(centre, "p", Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR);
        api = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, operator.operatorId(), "f-" + UUID.randomUUID(), 30));
    }

    private static void namesTheField(HttpIntegrator.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("fields").get(0).path("field").asString()).as(answer.body()).isEqualTo(field);
    }

    @Test
    void aRegistrationWithoutItsIdempotencyKeyNamesIt() throws Exception {
        namesTheField(api.post("/api/requests",
                "{\"submit\": true, \"applicant\": {\"type\": \"INDIVIDUAL\", \"representative\": false}}"), "idempotencyKey");
    }

    @Test
    void aRegistrationWithoutAnApplicantNamesIt() throws Exception {
        namesTheField(api.post("/api/requests", "{\"submit\": false, \"idempotencyKey\": \"" + UUID.randomUUID() + "\"}"),
                "applicant");
    }

    @Test
    void aLeftOutYesOrNoIsNamedAsRequired() throws Exception {
        HttpIntegrator.Answer answer = api.post("/api/requests", "{\"idempotencyKey\": \"" + UUID.randomUUID() + "\"}");
        namesTheField(answer, "submit");
        assertThat(answer.json().path("fields").get(0).path("code").asString()).isEqualTo("api.body.required");
    }

    @Test
    void aCallWithoutItsBodyNamesTheBody() throws Exception {
        namesTheField(api.post("/api/requests", null), "body");
    }

    @Test
    void anIssueWithoutItsCsrNamesIt() throws Exception {
        namesTheField(api.post("/api/requests/1/issue", "{\"keyOption\": \"CSR\"}"), "csr");
    }

    @Test
    void aRequestIdThatIsNoNumberNamesIt() throws Exception {
        namesTheField(api.get("/api/requests/abc"), "id");
    }

    @Test
    void aSerialThatIsNotHexadecimalNamesIt() throws Exception {
        namesTheField(api.get("/api/certificates/demo-issuing/xyz"), "serial");
    }

    @Test
    void anUnknownKeyOptionNamesItAndItsValues() throws Exception {
        HttpIntegrator.Answer answer = api.post("/api/requests/1/issue", "{\"keyOption\": \"USB\"}");
        namesTheField(answer, "keyOption");
        assertThat(answer.text("detail")).contains("SERVER_KEY");
    }

    @Test
    void anEnrollmentCodeForTooLongNamesTheValidity() throws Exception {
        namesTheField(api.post("/api/requests/1/enrollment-code", "{\"validityDays\": 90}"), "validityDays");
    }

    @Test
    void openApiDescribesTheBearerTokenAndTheNewCalls() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes.apiToken.scheme").value("bearer"))
                .andExpect(jsonPath("$.paths['/api/certificates/{caName}/{serial}/suspend'].post.security[0].apiToken").exists())
                .andExpect(jsonPath("$.paths['/api/certificates/{caName}/{serial}/restore'].post.responses['400']").exists())
                .andExpect(jsonPath("$.paths['/api/requests/{id}/enrollment-code'].post").exists())
                .andExpect(jsonPath("$.paths['/api/certificates/{caName}/{serial}/download'].get").exists())
                .andExpect(jsonPath("$.components.schemas.Request.properties.issuedSerial.type").value("string"))
                .andExpect(jsonPath("$.paths['/api/requests/{id}/reject'].post.requestBody.content['application/json'].schema.$ref").exists())
                .andExpect(jsonPath("$.components.schemas.Rejection.required", hasItem("reason")));
    }
}
