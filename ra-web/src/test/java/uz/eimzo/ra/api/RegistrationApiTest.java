package uz.eimzo.ra.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The integrators' JSON API with bearer tokens: the README's curl walk-through, as a test. */
class RegistrationApiTest extends RaTestBase {

    String portalToken;
    String supervisorToken;

    @BeforeEach
    void tokens() {
        long centre = operators.centre(false);
        portalToken = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        supervisorToken = token(operators.operator(centre, "p", Actor.Role.SUPERVISOR));
    }

    private String token(Actor actor) {
        String token = UUID.randomUUID().toString();
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params("t-" + token, actor.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
        return token;
    }

    private String company(String pinfl, String stir) {
        return """
                {"idempotencyKey": "%s", "submit": true, "applicant": {
                  "type": "LEGAL_ENTITY", "surname": "Karimova", "givenName": "Dilnoza", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "ID_CARD", "documentNumber": "AD1234567", "phone": "+998901234567",
                  "organisationStir": "%s", "organisationName": "Ipak Yo'li MCHJ", "legalForm": "mas'uliyati cheklangan jamiyat",
                  "position": "direktor", "representative": false}}""".formatted(UUID.randomUUID(), pinfl, stir);
    }

    @Test
    void certificateIsIssuedFromACsrThroughTheApi() throws Exception {
        String created = mvc.perform(post("/api/requests").header("Authorization", "Bearer " + portalToken)
                        .contentType(MediaType.APPLICATION_JSON).content(company(Operators.pinfl(), Operators.stir())))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));

        mvc.perform(post("/api/requests/" + id + "/approve").header("Authorization", "Bearer " + supervisorToken))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));

        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom());
        String body = "{\"csr\": \"" + Csrs.pem(key).replace("\n", "\\n") + "\"}";
        String issued = mvc.perform(post("/api/requests/" + id + "/issue").header("Authorization", "Bearer " + portalToken)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ca").value("demo-issuing"))
                .andReturn().getResponse().getContentAsString();
        String pem = issued.replaceAll("(?s).*\"certificate\":\"([^\"]+)\".*", "$1").replace("\\n", "\n");
        var certificate = Certificates.parse(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
        assertThat(certificate.getPublicKey()).isEqualTo(key.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("KARIMOVA DILNOZA");
    }

    @Test
    void apiWithoutTokenAnswers401Json() throws Exception {
        mvc.perform(get("/api/certificates")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.error").value("unauthorized"));
        mvc.perform(get("/api/certificates").header("Authorization", "Bearer not-a-token")).andExpect(status().isUnauthorized());
    }

    @Test
    void invalidApplicationListsTheWrongFields() throws Exception {
        String good = Operators.pinfl();
        String wrong = good.substring(0, 13) + ((good.charAt(13) - '0' + 1) % 10);
        mvc.perform(post("/api/requests").header("Authorization", "Bearer " + portalToken)
                        .contentType(MediaType.APPLICATION_JSON).content(company(wrong, "12345")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("application.invalid"))
                .andExpect(jsonPath("$.fields[*].code", hasItem("pinfl.checkDigit")))
                .andExpect(jsonPath("$.fields[*].code", hasItem("stir.format")));
    }

    @Test
    void malformedJsonIsA400NotA500() throws Exception {
        mvc.perform(post("/api/requests").header("Authorization", "Bearer " + portalToken)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("api.body"));
    }

    @Test
    void valueOfTheWrongKindNamesItsFieldAndTheAcceptedValues() throws Exception {
        mvc.perform(post("/api/requests").header("Authorization", "Bearer " + portalToken)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"idempotencyKey\": \"0b6e4f1a-7f0c-4c3e-9a61-2f5d3c1b9e01\", \"applicant\": {\"type\": \"PERSON\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("api.body"))
                .andExpect(jsonPath("$.fields[0].field").value("applicant.type"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("INDIVIDUAL")));
    }

    @Test
    void registrarTokenCannotApprove() throws Exception {
        String created = mvc.perform(post("/api/requests").header("Authorization", "Bearer " + portalToken)
                        .contentType(MediaType.APPLICATION_JSON).content(company(Operators.pinfl(), Operators.stir())))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        mvc.perform(post("/api/requests/" + id + "/approve").header("Authorization", "Bearer " + portalToken))
                .andExpect(status().isForbidden());
    }

    @Test
    void openApiDocumentDescribesTheApi() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/requests/{id}/issue']").exists())
                .andExpect(jsonPath("$.components.schemas.NewRequest.properties.confirmIdentityChange.description",
                        containsString("identity.changed")))
                .andExpect(jsonPath("$.info.title", containsString("")));
    }
}
