package uz.eimzo.ra.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the supervisor approved is what gets signed: a later registration of the same PINFL or STIR, by the same
 * centre or another one, makes a new version of the person or organisation for new requests and never reaches a
 * request that was already submitted or approved. Black-box, through the JSON API.
 */
class ApprovedMeansFrozenTest extends RaTestBase {

    private String token(Actor actor) {
        String token = UUID.randomUUID().toString();
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params("t-" + token, actor.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
        return token;
    }

    private static String legalEntity(String pinfl, String stir, String organisationName, boolean confirm) {
        return """
                {"idempotencyKey": "%s", "submit": true, "confirmIdentityChange": %s, "applicant": {
                  "type": "LEGAL_ENTITY", "surname": "Karimova", "givenName": "Dilnoza", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "ID_CARD", "documentNumber": "AD1234567", "phone": "+998901234567",
                  "organisationStir": "%s", "organisationName": "%s", "legalForm": "mas'uliyati cheklangan jamiyat",
                  "position": "direktor", "representative": false}}""".formatted(UUID.randomUUID(), confirm, pinfl, stir,
                organisationName);
    }

    private static String individual(String pinfl, String surname, String givenName, boolean confirm) {
        return """
                {"idempotencyKey": "%s", "submit": true, "confirmIdentityChange": %s, "applicant": {
                  "type": "INDIVIDUAL", "surname": "%s", "givenName": "%s", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "PASSPORT", "documentNumber": "AA7654321", "phone": "+998901234567",
                  "representative": false}}""".formatted(UUID.randomUUID(), confirm, surname, givenName, pinfl);
    }

    private long register(String token, String body) throws Exception {
        String created = mvc.perform(post("/api/requests").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
    }

    private void approve(String token, long id) throws Exception {
        mvc.perform(post("/api/requests/" + id + "/approve").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
    }

    private X509Certificate issue(String token, long id) throws Exception {
        var key = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new SecureRandom());
        String body = "{\"csr\": \"" + Csrs.pem(key).replace("\n", "\\n") + "\"}";
        String issued = mvc.perform(post("/api/requests/" + id + "/issue").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String pem = issued.replaceAll("(?s).*\"certificate\":\"([^\"]+)\".*", "$1").replace("\\n", "\n");
        return Certificates.parse(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
    }

    @Test
    void organisationRenamedAfterApprovalIsNotSignedIntoTheApprovedRequest() throws Exception {
        long centre = operators.centre(false);
        String registrar = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        String supervisor = token(operators.operator(centre, "p", Actor.Role.SUPERVISOR));
        String pinfl = Operators.pinfl();
        String stir = Operators.stir();
        long approved = register(registrar, legalEntity(pinfl, stir, "Ishonch MChJ", false));
        approve(supervisor, approved);

        long renamed = register(registrar, legalEntity(pinfl, stir, "Soxta Holding", true));

        X509Certificate certificate = issue(registrar, approved);
        assertThat(certificate.getSubjectX500Principal().getName()).contains("O=Ishonch MChJ").doesNotContain("Soxta");
        mvc.perform(get("/api/requests/" + approved).header("Authorization", "Bearer " + registrar))
                .andExpect(jsonPath("$.organisationName").value("Ishonch MChJ"));
        mvc.perform(get("/api/requests/" + renamed).header("Authorization", "Bearer " + registrar))
                .andExpect(jsonPath("$.organisationName").value("Soxta Holding"));
    }

    @Test
    void personRenamedAfterApprovalKeepsTheApprovedNameInTheCertificate() throws Exception {
        long centre = operators.centre(true);
        String registrar = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        String supervisor = token(operators.operator(centre, "p", Actor.Role.SUPERVISOR));
        String pinfl = Operators.pinfl();
        long approved = register(registrar, individual(pinfl, "Tursunov", "Bobur", false));
        approve(supervisor, approved);

        register(registrar, individual(pinfl, "Soxta", "Odam", true));

        assertThat(issue(registrar, approved).getSubjectX500Principal().getName())
                .contains("CN=TURSUNOV BOBUR").doesNotContain("SOXTA");
    }

    @Test
    void anotherCentreRegisteringThePersonAgainLeavesTheFirstCentresRequestAndIsAudited() throws Exception {
        long first = operators.centre(true);
        long second = operators.centre(false);
        String registrar1 = token(operators.operator(first, "p", Actor.Role.REGISTRAR));
        String supervisor1 = token(operators.operator(first, "p", Actor.Role.SUPERVISOR));
        Actor mallory = operators.operator(second, "p", Actor.Role.REGISTRAR);
        String registrar2 = token(mallory);
        String pinfl = Operators.pinfl();
        long request = register(registrar1, individual(pinfl, "Tursunov", "Bobur", false));

        register(registrar2, individual(pinfl, "Hacked", "Mallory", true));

        mvc.perform(get("/api/requests/" + request).header("Authorization", "Bearer " + registrar1))
                .andExpect(jsonPath("$.applicantName").value("Tursunov Bobur"));
        approve(supervisor1, request);
        assertThat(issue(registrar1, request).getSubjectX500Principal().getName())
                .contains("CN=TURSUNOV BOBUR").doesNotContain("MALLORY");
        String change = jdbc.sql("select details::text from audit_event where action = 'applicant.version' and actor = ? "
                        + "order by id desc limit 1").param(mallory.username()).query(String.class).optional().orElse("");
        assertThat(change).contains("\"centre\": \"" + second + "\"", "Tursunov", "Hacked")
                .doesNotContain(pinfl).doesNotContain("AA7654321");
    }

    @Test
    void changedPersonWithoutConfirmationIsRefusedWithTheDifferingFieldsAndWritesNothing() throws Exception {
        long centre = operators.centre(false);
        String registrar = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        String pinfl = Operators.pinfl();
        long request = register(registrar, individual(pinfl, "Tursunov", "Bobur", false));
        long requestsBefore = jdbc.sql("select count(*) from certificate_request").query(Long.class).single();

        mvc.perform(post("/api/requests").header("Authorization", "Bearer " + registrar)
                        .contentType(MediaType.APPLICATION_JSON).content(individual(pinfl, "Hacked", "Mallory", false)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("identity.changed"))
                .andExpect(jsonPath("$.fields[*].field", containsInAnyOrder("surname", "givenName")));

        assertThat(jdbc.sql("select count(*) from certificate_request").query(Long.class).single()).isEqualTo(requestsBefore);
        assertThat(jdbc.sql("select surname from applicant where pinfl = ?").param(pinfl).query(String.class).single())
                .isEqualTo("Tursunov");
        mvc.perform(get("/api/requests/" + request).header("Authorization", "Bearer " + registrar))
                .andExpect(jsonPath("$.applicantName").value("Tursunov Bobur"));
    }

    @Test
    void samePersonTypedAgainNeedsNoConfirmation() throws Exception {
        long centre = operators.centre(false);
        String registrar = token(operators.operator(centre, "p", Actor.Role.REGISTRAR));
        String pinfl = Operators.pinfl();
        register(registrar, individual(pinfl, "Tursunov", "Bobur", false));
        register(registrar, individual(pinfl, "Tursunov", "Bobur", false));
    }
}
