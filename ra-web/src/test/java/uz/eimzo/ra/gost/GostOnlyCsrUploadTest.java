package uz.eimzo.ra.gost;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * An operator's uploaded request under the default GOST-UZ CA: a P-256 (or RSA) key is refused in the operator's
 * language on the page and as a field error in the JSON API, the request stays issuable and nothing is certified;
 * a GOST-UZ request from the E-IMZO agent still goes through both ways.
 */
class GostOnlyCsrUploadTest extends GostRaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MockHttpServletRequestBuilder individual(Actor registrar) {
        return post("/requests").with(Operators.as(registrar)).with(csrf())
                .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                .param("surname", "Karimova").param("givenName", "Dilnoza").param("birthDate", "1990-03-15")
                .param("sex", "M").param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT")
                .param("documentNumber", "AD1234567").param("phone", "+998 90 123 45 67").param("representative", "false");
    }

    private String submitted(Actor registrar) throws Exception {
        return mvc.perform(individual(registrar)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
    }

    private long certificates() {
        return jdbc.sql("select count(*) from certificate").query(Long.class).single();
    }

    private String statusOf(String location) {
        return jdbc.sql("select status from certificate_request where id = ?")
                .param(Long.parseLong(location.replace("/requests/", ""))).query(String.class).single();
    }

    private String token(Actor actor) {
        String token = UUID.randomUUID().toString();
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params("t-" + token, actor.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
        return token;
    }

    private static String json(String csr) {
        return "{\"keyOption\": \"CSR\", \"csr\": \"" + csr.replace("\n", "\\n") + "\"}";
    }

    @Test
    void anUploadedP256RequestIsRefusedOnThePageInUzbekAndTheRequestStaysIssuable() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        String location = submitted(registrar);
        long before = certificates();

        var refused = mvc.perform(post(location + "/issue").param("keyOption", "CSR")
                        .param("csrText", Csrs.pem(KeyAlgorithm.EC_P256.generate(RANDOM)))
                        .with(Operators.as(registrar)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(String.valueOf(refused.getFlashMap().get("error")))
                .contains("Bu markaz faqat GOST-UZ kalitlarini sertifikatlaydi");
        assertThat(statusOf(location)).isEqualTo("SUBMITTED");
        assertThat(certificates()).isEqualTo(before);
    }

    @Test
    void anRsaRequestThroughTheApiIsAFieldErrorOnCsr() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        String location = submitted(registrar);
        long before = certificates();

        mvc.perform(post("/api" + location + "/issue").header("Authorization", "Bearer " + token(registrar))
                        .contentType(MediaType.APPLICATION_JSON).content(json(Csrs.pem(KeyAlgorithm.RSA_2048.generate(RANDOM)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("key.gostOnly"))
                .andExpect(jsonPath("$.fields[0].field").value("csr"))
                .andExpect(jsonPath("$.fields[0].code").value("key.gostOnly"));

        assertThat(statusOf(location)).isEqualTo("SUBMITTED");
        assertThat(certificates()).isEqualTo(before);
    }

    @Test
    void aGostRequestThroughTheApiIsStillCertified() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        String location = submitted(registrar);

        mvc.perform(post("/api" + location + "/issue").header("Authorization", "Bearer " + token(registrar))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(GostChallenges.csr2024(KeyAlgorithm.GOST_UZ.generate(RANDOM)))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ca").value("demo-gost-issuing"));
    }
}
