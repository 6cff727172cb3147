package uz.eimzo.ra.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every kind of API error answers RFC 9457 problem details ({@code application/problem+json}: type, title, status,
 * detail, instance) and keeps the members clients already read ({@code error}, {@code message}, {@code fields}).
 */
class ApiProblemDetailsTest extends RaTestBase {

    private final HttpClient http = HttpClient.newHttpClient();
    private String registrar;
    private String supervisor;

    @BeforeEach
    void tokens() {
        long centre = operators.centre(false);
        registrar = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        supervisor = token(operators.operator(centre, "p", Actor.Role.SUPERVISOR));
    }

    private String token(Actor actor) {
        String token = UUID.randomUUID().toString();
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params("t-" + token, actor.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
        return token;
    }

    private static String company(UUID idempotencyKey, String pinfl, String stir) {
        return """
                {"idempotencyKey": "%s", "submit": true, "applicant": {
                  "type": "LEGAL_ENTITY", "surname": "Karimova", "givenName": "Dilnoza", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "ID_CARD", "documentNumber": "AD1234567", "phone": "+998901234567",
                  "organisationStir": "%s", "organisationName": "Ipak Yo'li MCHJ", "legalForm": "mas'uliyati cheklangan jamiyat",
                  "position": "direktor", "representative": false}}""".formatted(idempotencyKey, pinfl, stir);
    }

    private ResultActions register(String token, String body) throws Exception {
        return mvc.perform(post("/api/requests").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private long registered() throws Exception {
        String created = register(registrar, company(UUID.randomUUID(), Operators.pinfl(), Operators.stir()))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(created.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
    }

    /** The problem members every error carries. */
    private static void isProblem(ResultActions result, int status, String error, String instance) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ApiProblems.TYPE_PREFIX + error))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.instance").value(instance))
                .andExpect(jsonPath("$.error").value(error))
                .andExpect(jsonPath("$.message").isString())
                .andExpect(jsonPath("$.fields").isArray());
    }

    @Test
    void fieldErrorsOfAnApplicationAreAProblemWithItsFields() throws Exception {
        String good = Operators.pinfl();
        String wrong = good.substring(0, 13) + ((good.charAt(13) - '0' + 1) % 10);
        ResultActions result = register(registrar, company(UUID.randomUUID(), wrong, "12345"));

        isProblem(result, 400, "application.invalid", "/api/requests");
        result.andExpect(jsonPath("$.fields[*].field", hasItem("pinfl")))
                .andExpect(jsonPath("$.fields[*].code", hasItem("pinfl.checkDigit")));
    }

    @Test
    void valueOfTheWrongJsonTypeIsAProblemNamingTheField() throws Exception {
        ResultActions result = register(registrar,
                "{\"idempotencyKey\": \"" + UUID.randomUUID() + "\", \"applicant\": {\"type\": \"PERSON\"}}");

        isProblem(result, 400, "api.body", "/api/requests");
        result.andExpect(jsonPath("$.fields[0].field").value("applicant.type"));
    }

    @Test
    void unknownRequestIsA404Problem() throws Exception {
        isProblem(mvc.perform(get("/api/requests/999999999").header("Authorization", "Bearer " + registrar)),
                404, "request.unknown", "/api/requests/999999999");
    }

    @Test
    void pathNoEndpointHasIsA404Problem() throws Exception {
        isProblem(mvc.perform(get("/api/nothing-here").header("Authorization", "Bearer " + registrar)),
                404, "api.notFound", "/api/nothing-here");
    }

    @Test
    void revocationByARegistrarIsA403Problem() throws Exception {
        isProblem(mvc.perform(post("/api/certificates/demo-issuing/01/revoke").header("Authorization", "Bearer " + registrar)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"KEY_COMPROMISE\"}")),
                403, "forbidden", "/api/certificates/demo-issuing/01/revoke");
    }

    @Test
    void missingTokenIsA401Problem() throws Exception {
        isProblem(mvc.perform(get("/api/certificates")), 401, "unauthorized", "/api/certificates");
    }

    @Test
    void replayedRegistrationIsA409Problem() throws Exception {
        String body = company(UUID.randomUUID(), Operators.pinfl(), Operators.stir());
        register(registrar, body).andExpect(status().isCreated());

        isProblem(register(registrar, body), 409, "request.replayed", "/api/requests");
    }

    @Test
    void secondApprovalIsA409Problem() throws Exception {
        long id = registered();
        mvc.perform(post("/api/requests/" + id + "/approve").header("Authorization", "Bearer " + supervisor))
                .andExpect(status().isOk());

        ResultActions again = mvc.perform(post("/api/requests/" + id + "/approve").header("Authorization", "Bearer " + supervisor));

        again.andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.instance").value("/api/requests/" + id + "/approve"));
    }

    @Test
    void methodTheEndpointDoesNotTakeIsA405Problem() throws Exception {
        isProblem(mvc.perform(delete("/api/requests").header("Authorization", "Bearer " + registrar)),
                405, "api.method", "/api/requests");
    }

    @Test
    void bodyOverTheCapIsA413Problem() throws Exception {
        byte[] large = new byte[1024 * 1024 + 1];
        isProblem(mvc.perform(post("/api/requests").header("Authorization", "Bearer " + registrar)
                        .contentType(MediaType.APPLICATION_JSON).content(large)),
                413, "api.tooLarge", "/api/requests");
    }

    @Test
    void overRealHttpTomcatsOwnErrorsOnTheApiAreProblemsToo() throws Exception {
        HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/requests"))
                .header("Authorization", "Bearer " + registrar).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/requests"))
                .header("Authorization", "Bearer " + registrar).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(tooLarge.body()).contains("\"error\":\"api.tooLarge\"").contains("\"status\":413");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(wrongMethod.body()).contains("\"error\":\"api.method\"").contains("\"instance\":\"/api/requests\"");
    }

    @Test
    void openApiDocumentDescribesTheProblemSchema() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.schemas.Problem.properties.error").exists())
                .andExpect(jsonPath("$.components.schemas.Problem.properties.fields").exists())
                .andExpect(jsonPath("$.components.schemas.Problem.properties.instance").exists())
                .andExpect(jsonPath("$.paths['/api/requests'].post.responses.400.content['application/problem+json'].schema['$ref']")
                        .value("#/components/schemas/Problem"));
    }
}
